package io.kongsync.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** All tables of one configuration. Replaced as a whole by a DB-less {@code POST /config}. */
final class Store {

    private final Map<String, Table> tables = new LinkedHashMap<>();

    Store() {
        for (EntityType t : EntityType.ALL) {
            tables.put(t.name(), new Table(t));
        }
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
