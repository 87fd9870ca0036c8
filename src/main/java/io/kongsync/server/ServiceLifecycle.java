package io.kongsync.server;

import io.kongsync.git.RouteSource;
import io.kongsync.git.SourceInfo;
import io.kongsync.service.DriftMonitor;
import io.kongsync.service.SyncCoordinator;
import io.kongsync.service.SyncRequest;
import io.kongsync.service.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;

import java.time.Duration;

/** On start: the reconciling sync and the drift schedule. On stop: let a running sync end (up to 30 s). */
@Component
class ServiceLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceLifecycle.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final KongsyncProperties properties;
    private final SyncCoordinator coordinator;
    private final DriftMonitor drift;
    private final KongTarget target;
    private final RouteSource source;
    private Disposable schedule;

    ServiceLifecycle(KongsyncProperties properties, SyncCoordinator coordinator, DriftMonitor drift,
                     KongTarget target, RouteSource source) {
        this.source = source;
        this.properties = properties;
        this.coordinator = coordinator;
        this.drift = drift;
        this.target = target;
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        SourceInfo from = source.info();
        KongsyncProperties.Discovery discovery = properties.kong().discovery();
        String kong = properties.kong().discovered()
                ? "Kong admin nodes from Cloud Map " + discovery.service() + "." + discovery.namespace()
                : "Kong Admin API " + target.adminUrl() + (target.sandbox() ? " (the kongsync sandbox)" : "");
        LOG.info("kongsync serve: routes from {} {}{}, {}, history in {}", from.kind(), from.uri(),
                from.branch() == null ? "" : " (branch " + from.branch() + ", path " + from.path() + ")", kong,
                properties.dataDir().toAbsolutePath());
        if (properties.syncOnStart()) {
            coordinator.submit(new SyncRequest(Trigger.START, false, null, "kongsync started"));
        }
        Duration interval = properties.drift().interval();
        if (interval != null && !interval.isZero() && !interval.isNegative()) {
            schedule = drift.schedule(interval);
            LOG.info("drift checks every {}{}", interval, properties.drift().autoCorrect()
                    ? ", correcting drift automatically" : " (kongsync.drift.auto-correct is off)");
        }
    }

    @EventListener(ContextClosedEvent.class)
    void stopping() throws InterruptedException {
        if (schedule != null) {
            schedule.dispose();
        }
        if (!coordinator.awaitIdle(STOP_WAIT)) {
            LOG.warn("stopping while a sync still runs; it will be marked failed at the next start");
        }
    }
}
