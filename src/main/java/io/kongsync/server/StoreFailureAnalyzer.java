package io.kongsync.server;

import io.kongsync.store.StoreUnreachable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A store that cannot be reached at start: one clear paragraph instead of Spring's chain of bean errors. */
class StoreFailureAnalyzer extends AbstractFailureAnalyzer<StoreUnreachable> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StoreUnreachable cause) {
        return new FailureAnalysis(cause.getMessage(), "Check that PostgreSQL runs there and accepts this user, and "
                + "kongsync.store.url, kongsync.store.username and kongsync.store.password; or unset "
                + "kongsync.store.url to keep the history in the data directory.", cause);
    }
}
