package io.kongsync.schema;

import io.kongsync.model.EntityKind;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Defaults and Kong's input transforms applied by the normalizer to core entities. */
class EntityNormalizationTest {

    private static Map<String, Object> normalize(EntityKind kind, Map<String, Object> input) {
        return Normalizer.normalize(Schemas.entity(kind), input);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sub(Object record, String key) {
        return (Map<String, Object>) ((Map<String, Object>) record).get(key);
    }

    @Test
    void everyKindButPluginHasASchemaWithoutMetadataFields() {
        for (EntityKind kind : EnumSet.complementOf(EnumSet.of(EntityKind.PLUGIN))) {
            RecordSchema schema = Schemas.entity(kind);
            assertThat(schema.field("id")).as(kind.name()).isNull();
            assertThat(schema.field("created_at")).as(kind.name()).isNull();
            assertThat(schema.field("updated_at")).as(kind.name()).isNull();
        }
        assertThat(normalize(EntityKind.CONSUMER, Map.of("username", "bob", "id", "x", "updated_at", 1)))
                .containsOnlyKeys("username", "custom_id", "tags");
    }

    @Test
    void routeDefaults() {
        assertThat(normalize(EntityKind.ROUTE, Map.of("paths", List.of("/a")))).contains(
                entry("protocols", List.of("http", "https")), entry("https_redirect_status_code", 426L),
                entry("regex_priority", 0L), entry("strip_path", true), entry("path_handling", "v0"),
                entry("preserve_host", false), entry("request_buffering", true), entry("response_buffering", true),
                entry("service", null));
        assertThat(normalize(EntityKind.ROUTE, Map.of("protocols", List.of("grpcs"), "paths", List.of("/a"))))
                .containsEntry("strip_path", false);
        assertThat(normalize(EntityKind.ROUTE, Map.of("protocols", List.of("grpc"), "strip_path", true)))
                .containsEntry("strip_path", true);
    }

    @Test
    void serviceUrlExpands() {
        assertThat(normalize(EntityKind.SERVICE, Map.of("url", "https://service.test/"))).contains(
                entry("protocol", "https"), entry("host", "service.test"), entry("port", 443L), entry("path", "/"));
        assertThat(normalize(EntityKind.SERVICE, Map.of("url", "http://example.test:443", "path", "/old"))).contains(
                entry("protocol", "http"), entry("port", 443L), entry("path", null));
    }

    @Test
    void upstreamHealthchecksDefaultRecord() {
        Map<String, Object> upstream = normalize(EntityKind.UPSTREAM, Map.of("name", "up"));
        assertThat(upstream).contains(entry("algorithm", "round-robin"), entry("hash_on", "none"),
                entry("hash_fallback", "none"), entry("hash_on_cookie_path", "/"), entry("slots", 10000L),
                entry("use_srv_name", false));
        Map<String, Object> healthchecks = sub(upstream, "healthchecks");
        assertThat(healthchecks).containsEntry("threshold", 0L);
        Map<String, Object> active = sub(healthchecks, "active");
        assertThat(active).contains(entry("type", "http"), entry("timeout", 1L), entry("concurrency", 10L),
                entry("http_path", "/"), entry("https_verify_certificate", true), entry("https_sni", null),
                entry("headers", null));
        assertThat(sub(active, "healthy")).containsOnly(entry("interval", 0L),
                entry("http_statuses", List.of(200L, 302L)), entry("successes", 0L));
        assertThat(sub(active, "unhealthy")).containsOnly(entry("interval", 0L),
                entry("http_statuses", longs(429, 404, 500, 501, 502, 503, 504, 505)), entry("tcp_failures", 0L),
                entry("timeouts", 0L), entry("http_failures", 0L));
        Map<String, Object> passive = sub(healthchecks, "passive");
        assertThat(passive).containsEntry("type", "http");
        assertThat(sub(passive, "healthy")).containsOnly(entry("http_statuses",
                longs(200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 306, 307, 308)),
                entry("successes", 0L));
        assertThat(sub(passive, "unhealthy")).containsOnly(entry("http_statuses", longs(429, 500, 503)),
                entry("tcp_failures", 0L), entry("timeouts", 0L), entry("http_failures", 0L));
    }

    @Test
    void upstreamAlgorithmFollowsHashOn() {
        assertThat(normalize(EntityKind.UPSTREAM, Map.of("name", "u", "algorithm", "round-robin", "hash_on", "header",
                "hash_on_header", "X-U"))).containsEntry("algorithm", "consistent-hashing");
        assertThat(normalize(EntityKind.UPSTREAM, Map.of("name", "u", "algorithm", "least-connections",
                "hash_on", "ip"))).contains(entry("algorithm", "least-connections"), entry("hash_on", "none"));
        assertThat(normalize(EntityKind.UPSTREAM, Map.of("name", "u", "algorithm", "consistent-hashing",
                "hash_on", "none"))).containsEntry("algorithm", "round-robin");
        assertThat(normalize(EntityKind.UPSTREAM, Map.of("name", "u", "algorithm", "consistent-hashing")))
                .containsEntry("algorithm", "consistent-hashing");
    }

    @Test
    void targetsGetDefaultPortAndBracketedIpv6() {
        assertThat(normalize(EntityKind.TARGET, Map.of("target", "10.0.0.1"))).contains(
                entry("target", "10.0.0.1:8000"), entry("weight", 100L));
        assertThat(normalize(EntityKind.TARGET, Map.of("target", "api.internal:9000")))
                .containsEntry("target", "api.internal:9000");
        // as Kong's targets DAO stores it (kong/tools/ip.lua: IPv6 expanded, in lower case)
        assertThat(normalize(EntityKind.TARGET, Map.of("target", "::1")))
                .containsEntry("target", "[0000:0000:0000:0000:0000:0000:0000:0001]:8000");
        assertThat(normalize(EntityKind.TARGET, Map.of("target", "[::1]:81"))).containsEntry("target", "[0000:0000:0000:0000:0000:0000:0000:0001]:81");
    }

    @Test
    void credentialsAndCertificates() {
        assertThat(normalize(EntityKind.JWT_SECRET, Map.of("consumer", "bob"))).containsEntry("algorithm", "HS256")
                .doesNotContainKeys("key", "secret");
        assertThat(normalize(EntityKind.KEYAUTH_CREDENTIAL, Map.of("consumer", "bob"))).doesNotContainKeys("key", "ttl");
        assertThat(normalize(EntityKind.CA_CERTIFICATE, Map.of("cert", "c"))).doesNotContainKey("cert_digest");
        assertThat(normalize(EntityKind.CERTIFICATE, Map.of("cert", "c", "key", "k", "snis", List.of("b.test", "a.test"))))
                .containsEntry("snis", List.of("a.test", "b.test"));
    }

    private static List<Long> longs(long... values) {
        return Arrays.stream(values).boxed().toList();
    }
}
