package io.kongsync.sync;

import io.kongsync.dump.DeclarativeConfig;
import io.kongsync.dump.DeclarativeErrors;
import io.kongsync.kong.KongApiException;
import io.kongsync.kong.KongClient;
import io.kongsync.kong.KongException;
import io.kongsync.kong.KongInfo;
import io.kongsync.masking.MaskingPolicy;
import io.kongsync.model.Entity;
import io.kongsync.model.EntityKind;
import io.kongsync.model.Origin;
import io.kongsync.model.State;
import io.kongsync.plan.Change;
import io.kongsync.plan.KongReferences;
import io.kongsync.plan.Plan;
import io.kongsync.plan.PlanOptions;
import io.kongsync.plan.Planner;
import io.kongsync.schema.RouterFlavor;
import io.kongsync.schema.Schemas;
import io.kongsync.schema.live.LivePluginDefaults;
import io.kongsync.schema.live.PluginSchemaCache;
import io.kongsync.validate.Diagnostic;
import io.kongsync.validate.RouterFlavorCheck;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one entry point from a desired state to a Kong that matches it: read Kong, plan, check the plan (conflicts,
 * the mass-delete guard, Kong's own validation of every plugin config), apply it, then read Kong again and plan once
 * more: a sync succeeds only when that second plan is empty.
 *
 * <p>Database mode applies the plan as single-entity writes, many at a time, each waiting only for what it depends
 * on. DB-less mode sends the whole configuration in one {@code POST /config}; there kongsync owns everything.
 */
public final class Syncer {

    private final KongClient kong;
    private final SyncOptions options;
    private final KongStateReader reader;
    private final PluginCheck pluginCheck;
    private final PluginSchemaCache liveSchemas;

    public Syncer(KongClient kong, SyncOptions options) {
        this.kong = kong;
        this.options = options;
        this.reader = new KongStateReader(Math.max(4, options.parallelism()));
        this.pluginCheck = new PluginCheck(kong, options.parallelism());
        this.liveSchemas = new PluginSchemaCache((version, name) -> kong.pluginSchema(name)
                .map(Optional::of).defaultIfEmpty(Optional.empty()));
    }

    /**
     * A plan against Kong as it is now.
     *
     * @param diagnostics plugin configs Kong itself rejects, located in the files; masked
     * @param masking     the desired state's secrets, which Kong's answers about it may quote
     */
    public record Planned(KongInfo kong, State desired, State current, Plan plan, PlanOptions planOptions,
                          List<Diagnostic> diagnostics, MaskingPolicy masking) {

        public Planned {
            diagnostics = masking.maskAll(diagnostics);
        }

        public Planned(KongInfo kong, State desired, State current, Plan plan, PlanOptions planOptions,
                       List<Diagnostic> diagnostics) {
            this(kong, desired, current, plan, planOptions, diagnostics, MaskingPolicy.of(desired));
        }

        public Ids ids() {
            return new Ids(desired, current);
        }
    }

    /** Fails with Kong's errors masked ({@link KongException#masked}) by the policy of {@code files}. */
    public Mono<Planned> plan(State files, Set<String> selectTags) {
        return maskingErrors(planUnmasked(files, selectTags), files);
    }

    private Mono<Planned> planUnmasked(State files, Set<String> selectTags) {
        return planFrom(files, selectTags).map(PlannedFrom::planned);
    }

    /**
     * A plan and the files' state it was made from (live defaults applied, references by id not yet resolved), which
     * the plan after applying resolves again against Kong as it then is.
     */
    private record PlannedFrom(State files, Planned planned) {
    }

    private Mono<PlannedFrom> planFrom(State files, Set<String> selectTags) {
        return kong.info().flatMap(info -> Mono.zip(withLiveDefaults(files, info), reader.read(kong,
                options.ownershipTag())).flatMap(both -> {
            State current = both.getT2();
            PlanOptions planOptions = new PlanOptions(options.ownershipTag(), selectTags, info.dbless());
            KongReferences.Resolved resolved = KongReferences.againstKong(both.getT1(), current, planOptions);
            State desired = resolved.desired();
            Plan plan = Planner.plan(desired, current, planOptions);
            List<Diagnostic> flavored = RouterFlavorCheck.check(desired, RouterFlavor.reported(info.routerFlavor()),
                    "the Kong at " + kong.adminUrl());
            Mono<List<Diagnostic>> checked = !flavored.isEmpty() ? Mono.just(flavored) : options.validateWithKong()
                    ? pluginCheck.check(plan, new Ids(desired, current)) : Mono.just(List.of());
            return checked.map(rejected -> new PlannedFrom(both.getT1(), new Planned(info, desired, current, plan,
                    planOptions, allSorted(resolved.unresolved(), rejected), MaskingPolicy.of(desired))));
        }));
    }

    private static List<Diagnostic> allSorted(List<Diagnostic> a, List<Diagnostic> b) {
        if (a.isEmpty()) {
            return b;
        }
        List<Diagnostic> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(null);
        return all;
    }

    /**
     * Plugins kongsync has no offline schema for (custom ones) take their defaults from Kong's
     * {@code GET /schemas/plugins/{name}}, fetched once per Kong version, so they plan like bundled ones.
     */
    private Mono<State> withLiveDefaults(State files, KongInfo info) {
        Set<String> custom = new TreeSet<>();
        for (Entity plugin : files.ofKind(EntityKind.PLUGIN)) {
            String name = String.valueOf(plugin.field("name"));
            if (Schemas.plugin(name).isEmpty()) {
                custom.add(name);
            }
        }
        if (custom.isEmpty()) {
            return Mono.just(files);
        }
        return Flux.fromIterable(custom)
                .flatMap(name -> liveSchemas.get(info.version(), name).map(schema -> Map.entry(name, schema)))
                .filter(e -> e.getValue().isPresent())
                .collectMap(Map.Entry::getKey, e -> e.getValue().get())
                .map(schemas -> LivePluginDefaults.apply(files, schemas));
    }

    /** Fails with Kong's errors masked ({@link KongException#masked}) by the policy of {@code files}. */
    public Mono<SyncResult> sync(State files, Set<String> selectTags) {
        return maskingErrors(syncUnmasked(files, selectTags), files);
    }

    private static <T> Mono<T> maskingErrors(Mono<T> call, State files) {
        return call.onErrorMap(KongException.class, e -> e.masked(MaskingPolicy.of(files)::mask));
    }

    private Mono<SyncResult> syncUnmasked(State files, Set<String> selectTags) {
        long started = System.nanoTime();
        long requestsBefore = kong.requestCount();
        return planFrom(files, selectTags).flatMap(from -> {
            Planned planned = from.planned();
            String refusal = planned.masking().mask(refusal(planned, options));
            if (refusal != null || !planned.diagnostics().isEmpty()) {
                return Mono.just(result(planned, List.of(), refusal, planned.diagnostics(), null, started,
                        requestsBefore));
            }
            if (planned.plan().isEmpty()) {
                return Mono.just(result(planned, List.of(), null, List.of(), planned.plan(), started, requestsBefore));
            }
            Mono<Applied> applied = planned.kong().dbless() ? applyDbless(planned) : applyDatabase(planned);
            // Once anything may have been written, every outcome is kept: a failed read-back is reported with them.
            return applied.flatMap(a -> reader.read(kong, options.ownershipTag())
                    .map(after -> Planner.plan(KongReferences.againstKong(from.files(), after,
                            planned.planOptions()).desired(), after, planned.planOptions()))
                    .map(remaining -> result(planned, a.outcomes(), null, a.diagnostics(), remaining, started,
                            requestsBefore))
                    .onErrorResume(e -> Mono.just(result(planned, a.outcomes(), null, a.diagnostics(), null,
                            started, requestsBefore).withReadBackFailure(planned.masking().mask(describe(e))))));
        });
    }

    private record Applied(List<Outcome> outcomes, List<Diagnostic> diagnostics) {
    }

    /**
     * Why a sync of this plan would be refused before anything is applied (conflicts, the mass-delete guard); null
     * when it would go ahead. Not yet masked: Kong's conflict messages may quote the files.
     */
    public static String refusal(Planned planned, SyncOptions options) {
        Plan plan = planned.plan();
        if (!plan.conflicts().isEmpty()) {
            return plan.conflicts().size() + " entit" + (plan.conflicts().size() == 1 ? "y" : "ies")
                    + " in the files exist in Kong without kongsync's tags; nothing was applied. "
                    + plan.conflicts().get(0).message();
        }
        if (options.allowMassDelete()) {
            return null;
        }
        return new MassDeleteGuard(options.massDeleteShare()).check(plan, managed(planned)).orElse(null);
    }

    private static int managed(Planned planned) {
        if (planned.planOptions().ownsAll()) {
            return planned.current().size();
        }
        int managed = 0;
        for (Entity e : planned.current().entities().values()) {
            if (e.field("tags") instanceof Collection<?> tags && tags.contains(planned.planOptions().ownershipTag())
                    && tags.containsAll(planned.planOptions().selectTags())) {
                managed++;
            }
        }
        return managed;
    }

    private Mono<Applied> applyDatabase(Planned planned) {
        Ids ids = planned.ids();
        List<Operation> operations = OperationGraph.of(planned.plan());
        return Applier.apply(operations, options.parallelism(), op -> execute(op, ids, planned.masking()),
                        e -> e instanceof Applier.OperationFailure ? describe(e) : planned.masking().mask(describe(e)))
                .map(outcomes -> new Applied(outcomes, List.of()));
    }

    private Mono<Integer> execute(Operation op, Ids ids, MaskingPolicy masking) {
        KongRequest request = KongRequest.of(op.change(), ids);
        Mono<Void> call = kong.write(request.method(), request.path(), request.body());
        if (request.method().equals("POST")) {
            // A retried POST whose first attempt reached Kong finds its own target: that is success.
            call = call.onErrorResume(e -> e instanceof KongApiException k && k.isConflictOnRepeat(), e -> Mono.empty());
        }
        return call.then(Mono.just(1)).onErrorMap(e -> new Applier.OperationFailure(located(op.change())
                + masking.mask(describe(e)), e instanceof KongException k ? k.attempts() : 1));
    }

    private static String located(Change change) {
        Entity desired = change.desired();
        if (desired == null || desired.origin() == Origin.KONG || desired.origin().file() == null) {
            return "";
        }
        return desired.origin().position() + ": ";
    }

    static String describe(Throwable error) {
        String message = error.getMessage();
        return message != null ? message : error.getClass().getSimpleName();
    }

    private Mono<Applied> applyDbless(Planned planned) {
        Ids ids = planned.ids();
        String config = DeclarativeConfig.render(planned.desired(), ids);
        List<Operation> operations = new ArrayList<>();
        List<Change> changes = planned.plan().changes();
        for (int i = 0; i < changes.size(); i++) {
            operations.add(new Operation(i, changes.get(i), List.of()));
        }
        long t0 = System.nanoTime();
        return kong.postConfig(config, true)
                .map(done -> new Applied(all(operations, Outcome.Status.APPLIED, null, 1, t0), List.of()))
                .onErrorResume(e -> {
                    List<Diagnostic> located = List.of();
                    String message = planned.masking().mask(describe(e));
                    if (e instanceof KongApiException k && k.status() == 400) {
                        located = DeclarativeErrors.map(errorBody(k), planned.desired(), ids, planned.masking());
                        message = "Kong rejected the configuration (" + located.size() + " problem"
                                + (located.size() == 1 ? "" : "s") + " located in the files); Kong keeps running "
                                + "its previous configuration";
                    }
                    int attempts = e instanceof KongException k ? k.attempts() : 1;
                    return Mono.just(new Applied(all(operations, Outcome.Status.FAILED, message, attempts, t0),
                            located));
                });
    }

    private static Map<String, Object> errorBody(KongApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", e.error().code());
        body.put("name", e.error().name());
        body.put("message", e.error().message());
        body.put("fields", e.error().fields());
        body.put("flattened_errors", e.flattenedErrors());
        return body;
    }

    private static List<Outcome> all(List<Operation> operations, Outcome.Status status, String message, int attempts,
                                     long t0) {
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return operations.stream().map(op -> new Outcome(op, status, message, attempts, millis)).toList();
    }

    private SyncResult result(Planned planned, List<Outcome> outcomes, String refusal, List<Diagnostic> diagnostics,
                              Plan remaining, long started, long requestsBefore) {
        return new SyncResult(planned.kong(), planned.plan(), outcomes, refusal, diagnostics, remaining,
                kong.requestCount() - requestsBefore, (System.nanoTime() - started) / 1_000_000);
    }
}
