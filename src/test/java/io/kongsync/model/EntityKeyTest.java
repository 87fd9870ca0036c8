package io.kongsync.model;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EntityKeyTest {

    @Test
    void deterministicIdIsStableVersion5AndDistinctPerIdentity() {
        EntityKey service = EntityKey.of(EntityKind.SERVICE, "nyan");
        assertThat(service.deterministicId()).isEqualTo(EntityKey.of(EntityKind.SERVICE, "nyan").deterministicId());
        assertThat(service.deterministicId().version()).isEqualTo(5);
        assertThat(service.deterministicId()).isNotEqualTo(EntityKey.of(EntityKind.ROUTE, "nyan").deterministicId());
        EntityKey scoped = new EntityKey(EntityKind.PLUGIN, "rate-limiting", Map.of("service", "nyan"));
        assertThat(scoped.canonical()).isEqualTo("plugin:rate-limiting[service=nyan]");
        assertThat(scoped.deterministicId())
                .isNotEqualTo(EntityKey.of(EntityKind.PLUGIN, "rate-limiting").deterministicId());
    }
}
