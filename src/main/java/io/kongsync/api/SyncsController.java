package io.kongsync.api;

import io.kongsync.report.ReportFormat;
import io.kongsync.service.HistoryStore;
import io.kongsync.service.StoredReports;
import io.kongsync.service.SyncCoordinator;
import io.kongsync.service.SyncRecord;
import io.kongsync.service.SyncRequest;
import io.kongsync.service.Trigger;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.util.concurrent.Callable;
import java.util.LinkedHashMap;
import java.util.Map;

/** Syncs on demand and the history: {@code POST /api/v1/syncs}, {@code GET /api/v1/syncs[/{id}]}. */
@RestController
@Tag(name = "syncs", description = "Syncs and dry runs on demand, and the history")
@RequestMapping("/api/v1/syncs")
class SyncsController {

    static final int MAX_PAGE_SIZE = 100;

    private final SyncCoordinator coordinator;
    private final HistoryStore history;

    SyncsController(SyncCoordinator coordinator, HistoryStore history) {
        this.coordinator = coordinator;
        this.history = history;
    }

    /**
     * @param dryRun plan only, apply nothing
     * @param ref    the commit, branch or tag to sync; absent for the configured branch's head
     */
    record SyncBody(Boolean dryRun, String ref) {
    }

    @Operation(summary = "Start a sync or a dry run", description = "202 with Location: /api/v1/syncs/{id}. "
            + "A sync requested while another runs waits as the one queued sync; later requests fold into it. "
            + "Dry runs never wait.")
    @PostMapping
    Mono<ResponseEntity<Map<String, Object>>> start(@RequestBody(required = false) SyncBody body) {
        return offLoop(() -> startNow(body));
    }

    private ResponseEntity<Map<String, Object>> startNow(SyncBody body) {
        boolean dryRun = body != null && Boolean.TRUE.equals(body.dryRun());
        String ref = body == null ? null : body.ref();
        SyncRecord record = coordinator.submit(new SyncRequest(Trigger.API, dryRun, ref,
                dryRun ? "dry run requested through the API" : "sync requested through the API"));
        return ResponseEntity.accepted().location(URI.create(location(record.id())))
                .body(SyncView.full(record, record.reports()));
    }

    @Operation(summary = "One sync: state, trigger, commit, timings, plan summary, every operation's outcome",
            description = "With ?format=text|json|markdown: the sync's report in that format.")
    @GetMapping("/{id}")
    Mono<ResponseEntity<?>> get(@PathVariable String id, @RequestParam(required = false) String format) {
        return offLoop(() -> getNow(id, format));
    }

    private ResponseEntity<?> getNow(String id, String format) {
        SyncRecord record = history.get(id).orElseThrow(() -> new Problems.NotFound("no sync " + id
                + " in the history (it keeps the newest records only)"));
        StoredReports reports = record.state().finished() ? history.reports(id).orElse(null) : null;
        if (format == null) {
            return ResponseEntity.ok(SyncView.full(record, reports));
        }
        ReportFormat reportFormat = ReportFormats.parse(format);
        if (reports == null) {
            throw new Problems.NotReady(record.state().finished() ? "sync " + id + " has no report"
                    : "sync " + id + " is " + record.state().label() + "; its report is ready when it finishes");
        }
        String report = switch (reportFormat) {
            case JSON -> reports.json();
            case MARKDOWN -> reports.markdown();
            default -> reports.text();
        };
        return ResponseEntity.ok().contentType(ReportFormats.mediaType(reportFormat)).body(report);
    }

    @Operation(summary = "The history, newest first, paged")
    @GetMapping
    Mono<Map<String, Object>> list(@RequestParam(defaultValue = "0") int page,
                                   @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new Problems.BadRequest("page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE);
        }
        return offLoop(() -> listNow(page, size));
    }

    private Map<String, Object> listNow(int page, int size) {
        HistoryStore.Page found = history.list(page, size);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", found.items().stream().map(SyncView::brief).toList());
        body.put("page", found.page());
        body.put("size", found.size());
        body.put("total", found.total());
        body.put("next", (page + 1L) * size < found.total() ? "/api/v1/syncs?page=" + (page + 1) + "&size=" + size
                : null);
        return body;
    }

    /** The history may be a database: its calls block, so they run off the event loop. */
    private static <T> Mono<T> offLoop(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }

    static String location(String id) {
        return "/api/v1/syncs/" + id;
    }
}
