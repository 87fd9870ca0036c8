package io.kongsync.report;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.plan.Action;
import io.kongsync.plan.Change;
import io.kongsync.plan.Conflict;
import io.kongsync.plan.FieldChange;
import io.kongsync.plan.Plan;
import io.kongsync.plan.ScopeOrder;
import io.kongsync.plan.Sensitivity;
import io.kongsync.validate.Diagnostic;

import java.util.ArrayList;
import java.util.Collection;
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

    record ChangeView(Action action, Subject subject, List<FieldView> fields) {
    }

    record ConflictView(Subject subject, String message) {
    }

    static ReportView of(Plan plan) {
        return of(plan, List.of());
    }

    /** Warnings are computed outside the planner (e.g. upstream checks) and never hold a secret. */
    static ReportView of(Plan plan, List<Diagnostic> warnings) {
        List<ChangeView> changes = new ArrayList<>(plan.changes().size());
        for (Change change : plan.changes()) {
            List<FieldView> fields = new ArrayList<>(change.fields().size());
            for (FieldChange field : change.fields()) {
                fields.add(new FieldView(field.path(), shown(field, field.oldValue()), shown(field, field.newValue())));
            }
            changes.add(new ChangeView(change.action(), subject(change.key(), change.desired(), change.current()), fields));
        }
        List<ConflictView> conflicts = new ArrayList<>(plan.conflicts().size());
        for (Conflict conflict : plan.conflicts()) {
            conflicts.add(new ConflictView(subject(conflict.key(), conflict.desired(), conflict.current()),
                    conflict.message()));
        }
        return new ReportView(plan.summary(), changes, conflicts,
                warnings.stream().map(Diagnostic::format).toList());
    }

    private static Subject subject(EntityKey key, Entity desired, Entity current) {
        return new Subject(key.kind().label(), Sensitivity.displayName(key, desired, current), ScopeOrder.entries(key));
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
