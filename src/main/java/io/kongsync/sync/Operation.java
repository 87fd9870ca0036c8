package io.kongsync.sync;

import io.kongsync.plan.Change;
import io.kongsync.plan.ScopeOrder;
import io.kongsync.plan.Sensitivity;

import java.util.List;

/**
 * One write of a sync: a change of the plan and the operations that must succeed before it starts.
 *
 * @param index     its position in the plan
 * @param dependsOn indexes of the operations it waits for
 */
public record Operation(int index, Change change, List<Integer> dependsOn) {

    public Operation {
        dependsOn = List.copyOf(dependsOn);
    }

    /** {@code create route nyan (service=nyan)}; a secret identity (a credential key) is masked. */
    public String describe() {
        String scope = ScopeOrder.describe(change.key());
        return change.action().label() + ' ' + change.key().kind().label() + ' '
                + Sensitivity.displayName(change.key(), change.desired(), change.current())
                + (scope.isEmpty() ? "" : " (" + scope + ")");
    }
}
