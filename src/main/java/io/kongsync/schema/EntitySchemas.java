package io.kongsync.schema;

import io.kongsync.model.EntityKind;

import java.util.List;
import java.util.Map;

/** Kong 3.9's core entity schemas (../shared/kong-admin-api.md section 1). */
final class EntitySchemas {

    static final List<String> SERVICE_PROTOCOLS =
            List.of("grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp");

    private EntitySchemas() {
    }

    static void register(Map<EntityKind, RecordSchema> registry) {
        registry.put(EntityKind.SERVICE, service());
    }

    static RecordSchema service() {
        return new RecordSchema(List.of(
                Field.string("name").check(Typedefs.UTF8_NAME),
                Field.integer("retries").def(5).between(0, 32767),
                Field.string("protocol").required().def("http").oneOf(SERVICE_PROTOCOLS.toArray()),
                Field.string("host").required(),
                Field.integer("port").required().def(80).between(0, 65535),
                Field.string("path"),
                Field.integer("connect_timeout").def(60000).between(1, 2147483646),
                Field.integer("write_timeout").def(60000).between(1, 2147483646),
                Field.integer("read_timeout").def(60000).between(1, 2147483646),
                Field.set("tags", Field.string()),
                Field.foreign("client_certificate", EntityKind.CERTIFICATE),
                Field.bool("tls_verify"),
                Field.integer("tls_verify_depth").between(0, 64),
                Field.array("ca_certificates", Field.string()),
                Field.bool("enabled").required().def(true)),
                List.of());
    }
}
