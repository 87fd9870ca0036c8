package io.kongsync.contract;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The database-mode contract against {@value ContractTargets#KONG_IMAGE} with Postgres; skipped without Docker. */
class KongContainerDatabaseContractTest extends DatabaseModeContract {

    @Override
    protected KongTarget openTarget() {
        ContractTargets.Decision docker = ContractTargets.docker(KongContainers::dockerAvailable);
        assumeTrue(docker.enabled(), docker.reason());
        return KongContainers.database();
    }
}
