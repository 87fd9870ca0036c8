package io.kongsync.schema;

import java.util.ArrayList;
import java.util.List;

/** Sub-records several plugins share (kong-plugins.md 0.3): Redis connection and the log queue. */
final class SharedRecords {

    private SharedRecords() {
    }

    /** kong/tools/redis/schema.lua; {@code extra} fields are appended (acme's {@code extra_options}). */
    static Field redis(Field... extra) {
        List<Field> fields = new ArrayList<>(List.of(
                Field.string("host").check(Typedefs.HOST),
                Field.integer("port").def(6379).between(0, 65535),
                Field.integer("timeout").def(2000).between(0, 2147483646),
                // referenceable: a username may be a vault reference, mask it like the password
                Field.string("username").secret(),
                Field.string("password").lenMin(0).secret(),
                Field.integer("database").def(0),
                Field.bool("ssl").def(false),
                Field.bool("ssl_verify").def(false),
                Field.string("server_name").check(Typedefs.SNI)));
        fields.addAll(List.of(extra));
        return Field.record("redis", fields.toArray(new Field[0]));
    }

    /** The nine deprecated flat {@code redis_*} keys of rate-limiting and response-ratelimiting. */
    static Shorthand[] flatRedisShorthands() {
        return List.of("host", "port", "password", "username", "ssl", "ssl_verify", "server_name", "timeout", "database")
                .stream()
                .map(f -> Shorthand.echoed("redis_" + f, "redis." + f))
                .toArray(Shorthand[]::new);
    }

    /** kong/tools/queue_schema.lua: none of the fields is required. */
    static Field queue() {
        return Field.record("queue",
                Field.integer("max_batch_size").def(1).between(1, 1000000),
                Field.number("max_coalescing_delay").def(1).between(0, 3600),
                Field.integer("max_entries").def(10000).between(1, 1000000),
                Field.integer("max_bytes"),
                Field.number("max_retry_time").def(60),
                Field.number("initial_retry_delay").def(0.01).between(0.001, 1000000.0),
                Field.number("max_retry_delay").def(60).between(0.001, 1000000.0),
                Field.integer("concurrency_limit").def(1).oneOf(-1, 1));
    }

    /** Kong's {@code lua_code} typedef: non-empty names to non-empty Lua sources (not sandbox-checked here). */
    static Field luaCode(String name) {
        return Field.map(name, Field.string(), Field.string());
    }
}
