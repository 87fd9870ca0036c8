package io.kongsync.contract;

import java.util.Map;

import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;

/** The database-mode contract against kongsync's sandbox; always runs. */
class SandboxDatabaseContractTest extends DatabaseModeContract {

    @Override
    protected KongTarget openTarget() {
        Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withDbless(false));
        return KongTarget.of(sandbox.url(), KongTarget.Mode.DATABASE, sandbox::close);
    }

    /** To be fixed in the sandbox; each entry says what it does instead of what Kong does. */
    @Override
    protected Map<String, String> knownDeviations() {
        return Map.of("optionsIs204AndListsTheAllowedMethods",
                "answers OPTIONS /services with 405 Method not allowed; Kong answers 204 with Allow and"
                        + " Access-Control-Allow-Methods on every route");
    }
}
