package io.kongsync.api;

import io.kongsync.git.RouteSource;
import io.kongsync.git.SourceInfo;
import io.kongsync.inventory.Inventory;
import io.kongsync.inventory.InventoryBuilder;
import io.kongsync.inventory.InventoryJson;
import io.kongsync.report.SourceLinks;
import io.kongsync.kong.KongInfo;
import io.kongsync.service.SyncCoordinator;
import io.kongsync.service.SyncRunner;
import io.kongsync.validate.Diagnostic;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.Map;

/** {@code GET /api/v1/inventory}: what Kong runs and where the files define it, from a plan made now. */
@RestController
@Tag(name = "inventory", description = "What is live in Kong and where the files define it")
class InventoryController {

    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_FIELDS = "RFC 9457: type, title, status, detail, instance; for invalid files "
            + "also problems (FILE:LINE:COL: PATH: message) and commit";

    private final SyncCoordinator coordinator;
    private final RouteSource source;

    InventoryController(SyncCoordinator coordinator, RouteSource source) {
        this.coordinator = coordinator;
        this.source = source;
    }

    @Operation(summary = "Every entity kongsync manages and every unmanaged one in Kong, with its status and source",
            description = "Services with their routes (hosts, paths, methods) and plugins; routes without a service; "
                    + "consumers with their credentials (kinds and count, never keys) and plugins; upstreams with "
                    + "their targets; certificates (SNIs and digest); global plugins. Each entity has a status "
                    + "(in_sync, differs, only_in_kong, only_in_files), whether kongsync manages it, the file, line "
                    + "and commit that define it, and the plan's change to it. Made from a dry run of the branch's "
                    + "head (or ?ref=) now, which counts against the dry-run limits. The shape is documented in "
                    + "docs/inventory-json.md.")
    @ApiResponse(responseCode = "200", description = "The inventory (docs/inventory-json.md)",
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "?ref= is not a ref name", content = @Content(
            mediaType = PROBLEM, schema = @Schema(type = "object", description = PROBLEM_FIELDS)))
    @ApiResponse(responseCode = "422", description = "The files are invalid, or Kong rejects a plugin configuration",
            content = @Content(mediaType = PROBLEM, schema = @Schema(type = "object", description = PROBLEM_FIELDS)))
    @ApiResponse(responseCode = "429", description = "Too many dry runs at once; Retry-After says when to try again",
            content = @Content(mediaType = PROBLEM, schema = @Schema(type = "object", description = PROBLEM_FIELDS)))
    @ApiResponse(responseCode = "502", description = "The route source or Kong's Admin API failed",
            content = @Content(mediaType = PROBLEM, schema = @Schema(type = "object", description = PROBLEM_FIELDS)))
    @GetMapping("/api/v1/inventory")
    Mono<Map<String, Object>> inventory(
            @Parameter(description = "A branch, tag or commit; the configured branch's head when absent")
            @RequestParam(required = false) String ref) {
        return coordinator.planNow(ref).map(DryRuns::accepted).map(dry -> InventoryJson.tree(inventoryOf(dry)));
    }

    private Inventory inventoryOf(SyncRunner.DryRun dry) {
        var planned = dry.planned();
        String commit = dry.snapshot().commit();
        InventoryBuilder.Context context = new InventoryBuilder.Context(commit, kong(planned.kong()),
                planned.planOptions().ownershipTag(),
                planned.masking().maskAll(dry.warnings()).stream().map(Diagnostic::format).toList(),
                links(source.info(), commit), planned.masking());
        return InventoryBuilder.build(planned.desired(), planned.current(), planned.plan(), context);
    }

    private static Inventory.Kong kong(KongInfo info) {
        return info == null ? null : new Inventory.Kong(info.version(), info.dbless() ? "dbless" : "database",
                info.sandbox());
    }

    private static SourceLinks links(SourceInfo info, String commit) {
        return "git".equals(info.kind()) ? SourceLinks.forRemote(info.uri(), commit) : SourceLinks.NONE;
    }
}
