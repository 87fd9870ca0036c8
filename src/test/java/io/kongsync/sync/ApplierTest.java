package io.kongsync.sync;

import io.kongsync.model.EntityKind;
import io.kongsync.plan.Action;
import io.kongsync.plan.Change;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.kongsync.plan.Fixtures.entity;
import static io.kongsync.plan.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

class ApplierTest {

    private static Operation op(int index, String service, Integer... dependsOn) {
        var e = entity(EntityKind.SERVICE, service, map("name", service));
        return new Operation(index, new Change(Action.CREATE, e.key(), List.of(), e, null), List.of(dependsOn));
    }

    @Test
    void aFailureSkipsWhatDependsOnItAndEverythingIndependentStillRuns() {
        List<Operation> ops = List.of(op(0, "a"), op(1, "b", 0), op(2, "c", 1), op(3, "d"), op(4, "e", 3));
        Set<String> started = ConcurrentHashMap.newKeySet();

        Mono<List<Outcome>> run = Applier.apply(ops, 2, operation -> {
            String name = operation.change().key().name();
            started.add(name);
            return name.equals("a") ? Mono.error(new IllegalStateException("400 schema violation")) : Mono.just(1);
        }, Syncer::describe);

        StepVerifier.create(run).assertNext(outcomes -> {
            assertThat(outcomes).extracting(Outcome::status).containsExactly(
                    Outcome.Status.FAILED, Outcome.Status.SKIPPED, Outcome.Status.SKIPPED,
                    Outcome.Status.APPLIED, Outcome.Status.APPLIED);
            assertThat(outcomes.get(0).message()).isEqualTo("400 schema violation");
            assertThat(outcomes.get(2).message())
                    .isEqualTo("not started: it depends on 'create service a', which did not succeed");
            assertThat(outcomes.get(1).message())
                    .isEqualTo("not started: it depends on 'create service a', which did not succeed");
        }).verifyComplete();
        assertThat(started).containsExactlyInAnyOrder("a", "d", "e");
    }

    @Test
    void neverMoreInFlightThanTheParallelismAndTheNextStartsWhenOneEnds() {
        List<Operation> ops = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ops.add(op(i, "s" + i));
        }
        Map<Integer, Sinks.One<Integer>> answers = new ConcurrentHashMap<>();
        List<Integer> startOrder = Collections.synchronizedList(new ArrayList<>());

        Mono<List<Outcome>> run = Applier.apply(ops, 2, operation -> {
            Sinks.One<Integer> answer = Sinks.one();
            answers.put(operation.index(), answer);
            startOrder.add(operation.index());
            return answer.asMono();
        }, Syncer::describe);

        StepVerifier.create(run)
                .then(() -> assertThat(startOrder).containsExactly(0, 1))
                .then(() -> answers.get(1).tryEmitValue(1))
                .then(() -> assertThat(startOrder).containsExactly(0, 1, 2))
                .then(() -> {
                    answers.get(0).tryEmitValue(1);
                    answers.get(2).tryEmitValue(1);
                })
                .then(() -> assertThat(startOrder).containsExactly(0, 1, 2, 3, 4))
                .then(() -> {
                    answers.get(3).tryEmitValue(1);
                    answers.get(4).tryEmitValue(1);
                })
                .assertNext(outcomes -> assertThat(outcomes).allMatch(o -> o.status() == Outcome.Status.APPLIED))
                .verifyComplete();
    }

    @Test
    void nothingToApplyCompletesAtOnce() {
        StepVerifier.create(Applier.apply(List.of(), 4, op -> Mono.just(1), Syncer::describe))
                .assertNext(outcomes -> assertThat(outcomes).isEmpty())
                .verifyComplete();
    }
}
