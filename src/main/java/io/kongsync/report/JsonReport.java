package io.kongsync.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The documented JSON shape (docs/report-json.md): keys always present, always in this order. */
final class JsonReport {

    private JsonReport() {
    }

    static String render(ReportView view) {
        return JsonValues.MAPPER.writeValueAsString(tree(view)) + "\n";
    }

    static Map<String, Object> tree(ReportView view) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("create", view.summary().create());
        summary.put("update", view.summary().update());
        summary.put("delete", view.summary().delete());
        root.put("summary", summary);

        List<Object> changes = new ArrayList<>();
        for (ReportView.ChangeView change : view.changes()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("action", change.action().label());
            putSubject(c, change.subject());
            c.put("service", change.service());
            c.put("source", source(change.source()));
            List<Object> fields = new ArrayList<>();
            for (ReportView.FieldView field : change.fields()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("path", field.path());
                f.put("old", json(field.oldValue()));
                f.put("new", json(field.newValue()));
                fields.add(f);
            }
            c.put("fields", fields);
            changes.add(c);
        }
        root.put("changes", changes);

        List<Object> conflicts = new ArrayList<>();
        for (ReportView.ConflictView conflict : view.conflicts()) {
            Map<String, Object> c = new LinkedHashMap<>();
            putSubject(c, conflict.subject());
            c.put("service", conflict.service());
            c.put("source", source(conflict.source()));
            c.put("message", conflict.message());
            conflicts.add(c);
        }
        root.put("conflicts", conflicts);
        root.put("warnings", view.warnings());
        return root;
    }

    private static void putSubject(Map<String, Object> target, ReportView.Subject subject) {
        target.put("kind", subject.kind());
        target.put("name", subject.name());
        Map<String, String> scope = new LinkedHashMap<>();
        for (Map.Entry<String, String> parent : subject.scope()) {
            scope.put(parent.getKey(), parent.getValue());
        }
        target.put("scope", scope);
    }

    private static Map<String, Object> source(ReportView.Source source) {
        if (source == null) {
            return null;
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("file", source.file());
        s.put("line", source.line());
        s.put("column", source.column());
        s.put("path", source.path());
        s.put("url", source.url());
        return s;
    }

    private static Object json(Object value) {
        return value == Masked.VALUE ? value.toString() : value;
    }
}
