package io.kongsync.kong;

import io.kongsync.model.EntityKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KongPathsTest {

    private static final String ID = "0b7a7d3e-1111-4222-8333-944455556666";
    private static final String PARENT = "9f0e1d2c-aaaa-4bbb-8ccc-ddddeeeeffff";

    @Test
    void topLevelKindsAreListedAndAddressedAtTheRoot() {
        assertThat(KongPaths.collection(EntityKind.SERVICE)).isEqualTo("/services");
        assertThat(KongPaths.entity(EntityKind.SERVICE, ID)).isEqualTo("/services/" + ID);
        assertThat(KongPaths.entity(EntityKind.ROUTE, ID)).isEqualTo("/routes/" + ID);
        assertThat(KongPaths.entity(EntityKind.CONSUMER, ID)).isEqualTo("/consumers/" + ID);
        assertThat(KongPaths.entity(EntityKind.PLUGIN, ID)).isEqualTo("/plugins/" + ID);
        assertThat(KongPaths.entity(EntityKind.UPSTREAM, ID)).isEqualTo("/upstreams/" + ID);
        assertThat(KongPaths.entity(EntityKind.CERTIFICATE, ID)).isEqualTo("/certificates/" + ID);
        assertThat(KongPaths.entity(EntityKind.CA_CERTIFICATE, ID)).isEqualTo("/ca_certificates/" + ID);
        assertThat(KongPaths.collection(EntityKind.PLUGIN, null)).isEqualTo("/plugins");
    }

    @Test
    void targetsLiveOnlyUnderTheirUpstream() {
        assertThat(KongPaths.collection(EntityKind.TARGET, PARENT)).isEqualTo("/upstreams/" + PARENT + "/targets");
        assertThat(KongPaths.entity(EntityKind.TARGET, ID, PARENT))
                .isEqualTo("/upstreams/" + PARENT + "/targets/" + ID);
        assertThat(KongPaths.putCreates(EntityKind.TARGET)).isFalse();
        assertThat(KongPaths.putCreates(EntityKind.SERVICE)).isTrue();
        assertThatThrownBy(() -> KongPaths.collection(EntityKind.TARGET)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KongPaths.entity(EntityKind.TARGET, ID)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KongPaths.collection(EntityKind.TARGET, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void credentialsAreListedTopLevelAndAddressedUnderTheirConsumer() {
        assertThat(KongPaths.collection(EntityKind.KEYAUTH_CREDENTIAL)).isEqualTo("/key-auths");
        assertThat(KongPaths.collection(EntityKind.BASICAUTH_CREDENTIAL)).isEqualTo("/basic-auths");
        assertThat(KongPaths.collection(EntityKind.JWT_SECRET)).isEqualTo("/jwts");
        assertThat(KongPaths.collection(EntityKind.ACL)).isEqualTo("/acls");
        assertThat(KongPaths.entity(EntityKind.KEYAUTH_CREDENTIAL, ID, PARENT))
                .isEqualTo("/consumers/" + PARENT + "/key-auth/" + ID);
        assertThat(KongPaths.entity(EntityKind.BASICAUTH_CREDENTIAL, ID, PARENT))
                .isEqualTo("/consumers/" + PARENT + "/basic-auth/" + ID);
        assertThat(KongPaths.entity(EntityKind.JWT_SECRET, ID, PARENT)).isEqualTo("/consumers/" + PARENT + "/jwt/" + ID);
        assertThat(KongPaths.entity(EntityKind.ACL, ID, PARENT)).isEqualTo("/consumers/" + PARENT + "/acls/" + ID);
        assertThat(KongPaths.collection(EntityKind.ACL, PARENT)).isEqualTo("/consumers/" + PARENT + "/acls");
        assertThat(KongPaths.parentKind(EntityKind.JWT_SECRET)).contains(EntityKind.CONSUMER);
        assertThat(KongPaths.parentKind(EntityKind.ROUTE)).isEmpty();
    }

    @Test
    void everyKindHasAnEntityPath() {
        for (EntityKind kind : EntityKind.values()) {
            assertThat(KongPaths.entity(kind, ID, PARENT)).startsWith("/").endsWith("/" + ID);
        }
    }

    @Test
    void segmentsArePercentEncoded() {
        assertThat(KongPaths.segment("my api/v1")).isEqualTo("my%20api%2Fv1");
    }
}
