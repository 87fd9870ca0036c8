package io.kongsync.contract;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The database-mode contract against the Kong at {@code KONG_ADMIN_URL}, when it runs with a database. */
class ExternalKongDatabaseContractTest extends DatabaseModeContract {

    @Override
    protected KongTarget openTarget() {
        ContractTargets.Decision external =
                ContractTargets.external(System.getenv(), KongTarget.Mode.DATABASE, ContractTargets::probeMode);
        assumeTrue(external.enabled(), external.reason());
        return KongTarget.of(external.url(), KongTarget.Mode.DATABASE, () -> { });
    }
}
