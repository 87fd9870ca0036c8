package io.kongsync.api;

import io.kongsync.git.RouteSource;
import io.kongsync.server.KongTarget;
import io.kongsync.server.KongsyncProperties;
import io.kongsync.service.DriftMonitor;
import io.kongsync.service.Gateway;
import io.kongsync.service.HistoryStore;
import io.kongsync.service.NodeStatus;
import io.kongsync.service.SyncCoordinator;
import io.kongsync.store.Store;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/status}: the gateway's nodes, the source, the last sync and the current drift. */
@RestController
@Tag(name = "status", description = "The gateway, the source, the last sync and the drift")
class StatusController {

    private final Gateway gateway;
    private final RouteSource source;
    private final HistoryStore history;
    private final SyncCoordinator coordinator;
    private final DriftMonitor drift;
    private final KongsyncProperties properties;
    private final KongTarget target;
    private final Store store;

    StatusController(Gateway gateway, RouteSource source, HistoryStore history, SyncCoordinator coordinator,
                     DriftMonitor drift, KongsyncProperties properties, KongTarget target, Store store) {
        this.store = store;
        this.target = target;
        this.gateway = gateway;
        this.source = source;
        this.history = history;
        this.coordinator = coordinator;
        this.drift = drift;
        this.properties = properties;
    }

    @Operation(summary = "Kong nodes (version, mode, reachability), the git source, the last sync, the drift")
    @GetMapping("/api/v1/status")
    Mono<Map<String, Object>> status() {
        // the history may be a database: read off the event loop
        return gateway.nodes().publishOn(Schedulers.boundedElastic()).map(nodes -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("gateway", gatewayView(nodes, target.sandbox()));
            body.put("source", source.info());
            body.put("lastSync", lastSync());
            body.put("running", coordinator.running().map(SyncView::brief).orElse(null));
            body.put("queued", coordinator.queued().map(SyncView::brief).orElse(null));
            body.put("dryRunsInFlight", coordinator.dryRunsInFlight());
            body.put("historyWriteFailure", history.writeFailure().orElse(null));
            store.syncQueue().ifPresent(queue -> {
                body.put("replica", queue.replica());
                body.put("syncLockHolder", queue.holder().orElse(null));
            });
            Map<String, Object> driftView = new LinkedHashMap<>();
            driftView.put("interval", properties.drift().interval().toString());
            driftView.put("autoCorrect", properties.drift().autoCorrect());
            driftView.put("last", drift.last().orElse(null));
            body.put("drift", driftView);
            return body;
        });
    }

    /** A store that cannot be read now leaves the last sync out; historyWriteFailure says why. */
    private Object lastSync() {
        try {
            return history.lastSync().map(SyncView::brief).orElse(null);
        } catch (HistoryStore.Unavailable e) {
            return null;
        }
    }

    private static Map<String, Object> gatewayView(List<NodeStatus> nodes, boolean sandbox) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sandbox", sandbox);
        view.put("description", sandbox
                ? "the kongsync sandbox: an in-memory stand-in for the Kong Admin API, not a gateway"
                : nodes.size() + " Kong admin node" + (nodes.size() == 1 ? "" : "s"));
        view.put("reachable", !nodes.isEmpty() && nodes.stream().allMatch(NodeStatus::reachable));
        view.put("nodes", nodes);
        return view;
    }
}
