package io.kongsync.server;

import io.kongsync.kong.RequestObserver;
import io.kongsync.service.DriftStatus;
import io.kongsync.service.SyncListener;
import io.kongsync.service.SyncRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * kongsync's Micrometer meters, named for Prometheus: {@code kongsync_drift_changes},
 * {@code kongsync_syncs_total{result,trigger}}, {@code kongsync_sync_duration_seconds},
 * {@code kongsync_kong_requests_total{method,status}} and {@code kongsync_drift_checks_total{result}}.
 * Dry runs are not syncs and are not counted.
 */
final class SyncMetrics implements SyncListener, RequestObserver {

    private final MeterRegistry registry;
    /** Pending changes found by the last successful drift check; NaN before the first. */
    private final AtomicLong driftBits = new AtomicLong(Double.doubleToLongBits(Double.NaN));

    SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("kongsync.drift.changes", driftBits, bits -> Double.longBitsToDouble(bits.get()))
                .description("Changes a sync would make now: how far Kong has drifted from git")
                .register(registry);
    }

    @Override
    public void finished(SyncRecord sync) {
        if (sync.dryRun()) {
            return;
        }
        String result = sync.state().label();
        Counter.builder("kongsync.syncs").description("Syncs finished, by result and trigger")
                .tag("result", result).tag("trigger", sync.trigger().label())
                .register(registry).increment();
        if (sync.durationMillis() != null) {
            Timer.builder("kongsync.sync.duration").description("How long syncs take, from start to finish")
                    .tag("result", result)
                    .register(registry).record(Duration.ofMillis(sync.durationMillis()));
        }
    }

    @Override
    public void driftChecked(DriftStatus drift) {
        Counter.builder("kongsync.drift.checks").description("Drift checks, by result")
                .tag("result", drift.error() == null ? "ok" : "failed")
                .register(registry).increment();
        if (drift.error() == null) {
            driftBits.set(Double.doubleToLongBits(drift.changes()));
        }
    }

    @Override
    public void observed(String method, int status) {
        Counter.builder("kongsync.kong.requests").description("Requests sent to Kong's Admin API, retries included")
                .tag("method", method).tag("status", status == 0 ? "none" : Integer.toString(status))
                .register(registry).increment();
    }
}
