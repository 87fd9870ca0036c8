package io.kongsync.sandbox;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** All tables of one configuration. Replaced as a whole by a DB-less {@code POST /config}. */
final class Store {

    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Clock clock;

    Store(Clock clock) {
        this.clock = clock;
        for (EntityType t : EntityType.ALL) {
            tables.put(t.name(), new Table(t, clock));
        }
    }

    Clock clock() {
        return clock;
    }

    void purgeExpired() {
        tables.values().forEach(Table::purgeExpired);
    }

    Table table(EntityType type) {
        return tables.get(type.name());
    }

    Table table(String name) {
        return tables.get(name);
    }

    Iterable<Table> tables() {
        return tables.values();
    }
}
