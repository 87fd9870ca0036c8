package io.kongsync.contract;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The DB-less contract against the Kong at {@code KONG_ADMIN_URL}, when it runs DB-less and
 * {@code KONG_CONTRACT_DBLESS_WIPE=true} allows the suite to replace (and afterwards restore) its configuration.
 */
class ExternalKongDbLessContractTest extends DbLessContract {

    @Override
    protected KongTarget openTarget() {
        ContractTargets.Decision external =
                ContractTargets.external(System.getenv(), KongTarget.Mode.DBLESS, ContractTargets::probeMode);
        assumeTrue(external.enabled(), external.reason());
        return KongTarget.of(external.url(), KongTarget.Mode.DBLESS, () -> { });
    }
}
