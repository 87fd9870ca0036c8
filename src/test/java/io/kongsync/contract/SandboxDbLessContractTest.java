package io.kongsync.contract;

import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;

/** The DB-less contract against kongsync's sandbox; always runs. */
class SandboxDbLessContractTest extends DbLessContract {

    @Override
    protected KongTarget openTarget() {
        Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withDbless(true));
        return KongTarget.of(sandbox.url(), KongTarget.Mode.DBLESS, sandbox::close);
    }
}
