package io.kongsync.contract;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The DB-less contract against {@value ContractTargets#KONG_IMAGE} with {@code KONG_DATABASE=off}; skipped without Docker. */
class KongContainerDbLessContractTest extends DbLessContract {

    @Override
    protected KongTarget openTarget() {
        ContractTargets.Decision docker = ContractTargets.docker(KongContainers::dockerAvailable);
        assumeTrue(docker.enabled(), docker.reason());
        return KongContainers.dbless();
    }
}
