package io.kongsync.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The inventory as the JSON tree docs/inventory-json.md documents: keys always present, always in this order. */
public final class InventoryJson {

    private InventoryJson() {
    }

    public static Map<String, Object> tree(Inventory inventory) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("commit", inventory.commit());
        Inventory.Kong kong = inventory.kong();
        if (kong == null) {
            root.put("kong", null);
        } else {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("version", kong.version());
            k.put("mode", kong.mode());
            k.put("sandbox", kong.sandbox());
            root.put("kong", k);
        }
        root.put("ownership_tag", inventory.ownershipTag());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put(Status.IN_SYNC.label(), inventory.summary().inSync());
        summary.put(Status.DIFFERS.label(), inventory.summary().differs());
        summary.put(Status.ONLY_IN_KONG.label(), inventory.summary().onlyInKong());
        summary.put(Status.ONLY_IN_FILES.label(), inventory.summary().onlyInFiles());
        summary.put("total", inventory.summary().total());
        root.put("summary", summary);
        root.put("services", items(inventory.services()));
        root.put("routes", items(inventory.routes()));
        root.put("consumers", items(inventory.consumers()));
        root.put("upstreams", items(inventory.upstreams()));
        root.put("certificates", items(inventory.certificates()));
        root.put("ca_certificates", items(inventory.caCertificates()));
        root.put("plugins", items(inventory.plugins()));
        root.put("other", items(inventory.other()));
        root.put("warnings", inventory.warnings());
        return root;
    }

    private static List<Object> items(List<Item> items) {
        List<Object> out = new ArrayList<>(items.size());
        for (Item item : items) {
            out.add(item(item));
        }
        return out;
    }

    private static Map<String, Object> item(Item item) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", item.kind());
        m.put("name", item.name());
        Map<String, String> scope = new LinkedHashMap<>();
        item.scope().forEach(parent -> scope.put(parent.getKey(), parent.getValue()));
        m.put("scope", scope);
        m.put("status", item.status().label());
        m.put("managed", item.managed());
        m.put("source", source(item.source()));
        m.put("change", change(item.change()));
        m.put("conflict", item.conflict());
        m.put("anchor", item.anchor());
        m.putAll(item.facts());
        item.children().forEach((collection, children) -> m.put(collection, items(children)));
        return m;
    }

    private static Map<String, Object> source(Item.Source source) {
        if (source == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", source.file());
        m.put("line", source.line() > 0 ? source.line() : null);
        m.put("column", source.column() > 0 ? source.column() : null);
        m.put("path", source.path() == null || source.path().isEmpty() ? null : source.path());
        m.put("commit", source.commit());
        m.put("url", source.url());
        return m;
    }

    private static Map<String, Object> change(Item.PlannedChange change) {
        if (change == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", change.action().label());
        m.put("index", change.index());
        return m;
    }
}
