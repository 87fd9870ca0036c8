package io.kongsync.contract;

import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;

/** The database-mode contract against kongsync's sandbox; always runs. */
class SandboxDatabaseContractTest extends DatabaseModeContract {

    @Override
    protected KongTarget openTarget() {
        Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withDbless(false));
        return KongTarget.of(sandbox.url(), KongTarget.Mode.DATABASE, sandbox::close);
    }
}
