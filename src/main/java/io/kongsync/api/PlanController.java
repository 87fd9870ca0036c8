package io.kongsync.api;

import io.kongsync.report.ReportFormat;
import io.kongsync.report.Reports;
import io.kongsync.service.SyncCoordinator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/v1/plan}: a dry run made now, not kept in the history. */
@RestController
@Tag(name = "plan", description = "What a sync would change now")
class PlanController {

    static final String COMMIT_HEADER = "Kongsync-Commit";

    private final SyncCoordinator coordinator;

    PlanController(SyncCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Operation(summary = "A dry run made now (not kept in the history)",
            description = "The plan of the branch's head (or ?ref=) against Kong, as text, json or markdown. "
                    + "The commit planned is in the Kongsync-Commit header.")
    @GetMapping("/api/v1/plan")
    Mono<ResponseEntity<String>> plan(@RequestParam(defaultValue = "json") String format,
                                      @RequestParam(required = false) String ref) {
        ReportFormat reportFormat = ReportFormats.parse(format);
        return coordinator.planNow(ref).map(DryRuns::accepted).map(dry -> {
            var planned = dry.planned();
            ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(ReportFormats.mediaType(reportFormat));
            if (dry.snapshot().commit() != null) {
                ok.header(COMMIT_HEADER, dry.snapshot().commit());
            }
            return ok.body(Reports.render(planned.plan(), dry.warnings(), reportFormat));
        });
    }
}
