package io.kongsync.api;

import io.kongsync.service.SyncFailure;
import io.kongsync.service.SyncRunner;
import io.kongsync.validate.Diagnostic;

/** What the endpoints answering from a plan made now share. */
final class DryRuns {

    private DryRuns() {
    }

    /** The dry run, unless Kong rejected a plugin configuration of the files: then a 422 naming each one. */
    static SyncRunner.DryRun accepted(SyncRunner.DryRun dry) {
        var planned = dry.planned();
        if (!planned.diagnostics().isEmpty()) {
            throw new SyncFailure(SyncFailure.Kind.INVALID_FILES, "Kong rejects "
                    + planned.diagnostics().size() + " plugin configuration(s)",
                    planned.diagnostics().stream().map(Diagnostic::format).toList(), dry.snapshot().commit());
        }
        return dry;
    }
}
