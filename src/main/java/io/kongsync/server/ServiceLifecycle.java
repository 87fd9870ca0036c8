package io.kongsync.server;

import io.kongsync.git.RouteSource;
import io.kongsync.git.SourceInfo;
import io.kongsync.service.DriftMonitor;
import io.kongsync.service.SyncCoordinator;
import io.kongsync.service.SyncRequest;
import io.kongsync.service.Trigger;
import io.kongsync.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * On start: the reconciling sync and the drift schedule. On stop: let a running sync end, waiting once for at most
 * {@code kongsync.shutdown-wait}. The management server's child context publishes its own close event, which must not
 * wait again.
 */
@Component
class ServiceLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceLifecycle.class);

    private final KongsyncProperties properties;
    private final SyncCoordinator coordinator;
    private final DriftMonitor drift;
    private final KongTarget target;
    private final RouteSource source;
    private final Store store;
    private final ApplicationContext context;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private Disposable schedule;

    ServiceLifecycle(KongsyncProperties properties, SyncCoordinator coordinator, DriftMonitor drift,
                     KongTarget target, RouteSource source, Store store, ApplicationContext context) {
        this.context = context;
        this.store = store;
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
                store.describe());
        // with replicas: take the sync lock now if no one holds it, taking over what a stopped holder left
        store.syncQueue().ifPresent(queue -> {
            queue.start(coordinator::startNext);
            LOG.info("replica {} on the shared store; {}", queue.replica(), queue.holding()
                    ? "it holds the sync lock and runs the syncs"
                    : "another replica holds the sync lock and runs the syncs");
        });
        if (properties.syncOnStart()) {
            try {
                coordinator.submit(new SyncRequest(Trigger.START, false, null, "kongsync started"));
            } catch (RuntimeException e) {
                LOG.error("the start-up sync was not started: {}", e.getMessage());
            }
        }
        Duration interval = properties.drift().interval();
        if (interval != null && !interval.isZero() && !interval.isNegative()) {
            schedule = drift.schedule(interval);
            LOG.info("drift checks every {}{}", interval, properties.drift().autoCorrect()
                    ? ", correcting drift automatically" : " (kongsync.drift.auto-correct is off)");
        }
    }

    @EventListener(ContextClosedEvent.class)
    void stopping(ContextClosedEvent event) throws InterruptedException {
        if (event.getApplicationContext() != context || !stopped.compareAndSet(false, true)) {
            return;
        }
        if (schedule != null) {
            schedule.dispose();
        }
        // the HTTP server still accepts requests for a while after this event: none may start a sync now
        coordinator.close();
        if (!coordinator.awaitIdle(properties.shutdownWait())) {
            LOG.warn("stopping while a sync still runs; it will be marked failed at the next start");
        }
        // another replica takes the lock over now, and with it the syncs still queued in the store
        store.syncQueue().ifPresent(io.kongsync.service.SyncQueue::close);
    }
}
