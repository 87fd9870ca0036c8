package io.kongsync.contract;

import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import io.kongsync.schema.RouterFlavor;

/** The expressions-router contract against kongsync's sandbox started with that flavor; always runs. */
class SandboxExpressionsRouterContractTest extends ExpressionsRouterContract {

    @Override
    protected KongTarget openTarget() {
        Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withRouterFlavor(RouterFlavor.EXPRESSIONS));
        return KongTarget.of(sandbox.url(), KongTarget.Mode.DATABASE, sandbox::close);
    }
}
