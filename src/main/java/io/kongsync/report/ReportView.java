package io.kongsync.report;

import io.kongsync.masking.MaskingPolicy;
import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.Origin;
import io.kongsync.plan.Action;
import io.kongsync.plan.Change;
import io.kongsync.plan.Conflict;
import io.kongsync.plan.FieldChange;
import io.kongsync.plan.Plan;
import io.kongsync.plan.ScopeOrder;
import io.kongsync.plan.Sensitivity;
import io.kongsync.validate.Diagnostic;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plan as the reports show it, with every secret already masked. This is the one place masking happens: renderers
 * only ever see a {@link ReportView}, never the plan's raw values.
 *
 * @param warnings what deserves attention but does not block, each {@code FILE:LINE:COL: PATH: message}
 */
record ReportView(Plan.Summary summary, List<ChangeView> changes, List<ConflictView> conflicts, List<String> warnings) {

    /** An entity: kind label, the name to show ({@code (sensitive)} when the identity is a secret), its scope. */
    record Subject(String kind, String name, List<Map.Entry<String, String>> scope) {

        /**
         * {@code plugin rate-limiting (service nyan)}, with {@code label} applied to the scope's kinds and {@code name}
         * to every name (escaping for the output format).
         */
        String describe(java.util.function.UnaryOperator<String> label, java.util.function.UnaryOperator<String> name) {
            StringBuilder sb = new StringBuilder(kind).append(' ').append(name.apply(this.name));
            if (!scope.isEmpty()) {
                sb.append(" (");
                for (int i = 0; i < scope.size(); i++) {
                    sb.append(i == 0 ? "" : ", ").append(label.apply(scope.get(i).getKey())).append(' ')
                            .append(name.apply(scope.get(i).getValue()));
                }
                sb.append(')');
            }
            return sb.toString();
        }
    }

    /** Values are plain (references as names, maps sorted) or {@link Masked#VALUE}. */
    record FieldView(String path, Object oldValue, Object newValue) {
    }

    /**
     * Where in the files an entity is declared: {@code FILE:LINE:COL} and the path in the document, with a link to
     * that line on the git host when the plan was made at a known commit (else {@code url} is null).
     */
    record Source(String file, int line, int column, String path, String url) {

        static Source of(Entity entity, SourceLinks links) {
            if (entity == null || !entity.origin().hasPosition()) {
                return null;
            }
            Origin origin = entity.origin();
            return new Source(origin.file(), origin.line(), origin.column(), origin.path(), links.url(origin));
        }

        String position() {
            return file + ":" + line + ":" + column;
        }
    }

    /**
     * @param service the service the change is shown under (its own, its route's); null for entities outside services
     * @param source  where the entity is declared in the files; null for a delete
     */
    record ChangeView(Action action, Subject subject, List<FieldView> fields, String service, Source source) {
    }

    record ConflictView(Subject subject, String message, String service, Source source) {
    }

    /**
     * The changes as reports list them: one group per service (in the order each first appears in the plan),
     * holding the service's own change, its routes' and their plugins'; then one group with no service.
     */
    List<Map.Entry<String, List<ChangeView>>> changesByService() {
        Map<String, List<ChangeView>> groups = new LinkedHashMap<>();
        List<ChangeView> outside = new ArrayList<>();
        for (ChangeView change : changes) {
            if (change.service() == null) {
                outside.add(change);
            } else {
                groups.computeIfAbsent(change.service(), s -> new ArrayList<>()).add(change);
            }
        }
        List<Map.Entry<String, List<ChangeView>>> out = new ArrayList<>();
        groups.forEach((service, list) -> out.add(new AbstractMap.SimpleImmutableEntry<>(service, list)));
        if (!outside.isEmpty()) {
            out.add(new AbstractMap.SimpleImmutableEntry<>(null, outside));
        }
        return out;
    }

    static ReportView of(Plan plan) {
        return of(plan, List.of());
    }

    static ReportView of(Plan plan, List<Diagnostic> warnings) {
        return of(plan, warnings, SourceLinks.NONE);
    }

    /** Warnings are computed outside the planner (e.g. upstream checks) and never hold a secret. */
    static ReportView of(Plan plan, List<Diagnostic> warnings, SourceLinks links) {
        List<ChangeView> changes = new ArrayList<>(plan.changes().size());
        for (Change change : plan.changes()) {
            List<FieldView> fields = new ArrayList<>(change.fields().size());
            for (FieldChange field : change.fields()) {
                fields.add(new FieldView(field.path(), shown(field, field.oldValue()), shown(field, field.newValue())));
            }
            changes.add(new ChangeView(change.action(), subject(change.key(), change.desired(), change.current()), fields,
                    plan.serviceOf(change), Source.of(change.desired(), links)));
        }
        List<ConflictView> conflicts = new ArrayList<>(plan.conflicts().size());
        for (Conflict conflict : plan.conflicts()) {
            conflicts.add(new ConflictView(subject(conflict.key(), conflict.desired(), conflict.current()),
                    conflict.message(), plan.serviceOf(conflict), Source.of(conflict.desired(), links)));
        }
        return new ReportView(plan.summary(), changes, conflicts,
                warnings.stream().map(Diagnostic::format).toList());
    }

    private static Subject subject(EntityKey key, Entity desired, Entity current) {
        // a parent named by a template (route: ${{ env "DECK_ROUTE_ID" }}) is as sensitive in the scope as in the field
        List<Map.Entry<String, String>> scope = ScopeOrder.entries(key).stream()
                .map(parent -> desired != null && desired.isSensitive(parent.getKey())
                        ? Map.entry(parent.getKey(), MaskingPolicy.MASK) : parent)
                .toList();
        return new Subject(key.kind().label(), Sensitivity.displayName(key, desired, current), scope);
    }

    /** A null stays null (there is nothing to hide in "not set"); any other sensitive value is masked. */
    private static Object shown(FieldChange field, Object value) {
        if (value == null) {
            return null;
        }
        return field.sensitive() ? Masked.VALUE : plain(value);
    }

    /** References become the referenced entity's name; maps are ordered by key so output is stable. */
    private static Object plain(Object value) {
        if (value instanceof EntityKey ref) {
            return ref.name();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> out = new ArrayList<>(collection.size());
            for (Object element : collection) {
                out.add(plain(element));
            }
            return out;
        }
        return value;
    }
}
