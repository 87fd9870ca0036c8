package io.kongsync.contract;

import java.net.URI;

/** A running Admin API the contract runs against: a sandbox, a Kong container or an external Kong. */
interface KongTarget extends AutoCloseable {

    enum Mode { DATABASE, DBLESS }

    URI url();

    Mode mode();

    /** Stops what this target started; an external Kong is left running. */
    @Override
    void close();

    static KongTarget of(URI url, Mode mode, Runnable onClose) {
        return new KongTarget() {
            @Override
            public URI url() {
                return url;
            }

            @Override
            public Mode mode() {
                return mode;
            }

            @Override
            public void close() {
                onClose.run();
            }

            @Override
            public String toString() {
                return mode + " at " + url;
            }
        };
    }
}
