package io.kongsync.sync;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Runs operations with bounded parallelism as soon as what they depend on has succeeded. When one fails, the
 * operations that depend on it (directly or not) are skipped and everything independent still runs, so one bad
 * entity costs only itself and its dependents.
 */
public final class Applier {

    /** Performs one operation; completes with the number of requests it took, or errors with the reason. */
    @FunctionalInterface
    public interface Executor {
        Mono<Integer> execute(Operation operation);
    }

    /** Why an operation failed, and how many requests it took. */
    public static final class OperationFailure extends RuntimeException {
        private final int attempts;

        public OperationFailure(String message, int attempts) {
            super(message, null, false, false);
            this.attempts = attempts;
        }

        public int attempts() {
            return attempts;
        }
    }

    private final List<Operation> operations;
    private final int parallelism;
    private final Executor executor;
    private final Function<Throwable, String> describeError;
    private final int[] waitingFor;
    private final List<List<Integer>> dependents;
    private final Outcome[] outcomes;
    private final Deque<Integer> ready = new ArrayDeque<>();
    private int inFlight;
    private int finished;
    private MonoSink<List<Outcome>> sink;

    private Applier(List<Operation> operations, int parallelism, Executor executor,
                    Function<Throwable, String> describeError) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.operations = operations;
        this.parallelism = parallelism;
        this.executor = executor;
        this.describeError = describeError;
        this.waitingFor = new int[operations.size()];
        this.outcomes = new Outcome[operations.size()];
        this.dependents = new ArrayList<>(operations.size());
        for (int i = 0; i < operations.size(); i++) {
            dependents.add(new ArrayList<>(1));
        }
        for (Operation op : operations) {
            waitingFor[op.index()] = op.dependsOn().size();
            for (int d : op.dependsOn()) {
                dependents.get(d).add(op.index());
            }
        }
        for (Operation op : operations) {
            if (waitingFor[op.index()] == 0) {
                ready.add(op.index());
            }
        }
    }

    /**
     * Applies the operations (their {@link Operation#index()} must be their position in the list) and completes with
     * one outcome per operation, in list order. Never errors: failures are outcomes.
     */
    public static Mono<List<Outcome>> apply(List<Operation> operations, int parallelism, Executor executor,
                                            Function<Throwable, String> describeError) {
        return Mono.create(sink -> new Applier(operations, parallelism, executor, describeError).start(sink));
    }

    private void start(MonoSink<List<Outcome>> sink) {
        List<Integer> launch;
        synchronized (this) {
            this.sink = sink;
            launch = takeLaunchable();
        }
        launch(launch);
        completeIfDone();
    }

    private List<Integer> takeLaunchable() {
        List<Integer> launch = new ArrayList<>();
        while (inFlight < parallelism && !ready.isEmpty()) {
            launch.add(ready.poll());
            inFlight++;
        }
        return launch;
    }

    private void launch(List<Integer> indexes) {
        for (int i : indexes) {
            Operation op = operations.get(i);
            long started = System.nanoTime();
            Mono<Integer> request;
            try {
                request = executor.execute(op);
            } catch (RuntimeException e) {
                request = Mono.error(e);
            }
            request.subscribe(
                    attempts -> finish(i, new Outcome(op, Outcome.Status.APPLIED, null, attempts, millisSince(started))),
                    error -> finish(i, new Outcome(op, Outcome.Status.FAILED, describeError.apply(error),
                            error instanceof OperationFailure f ? f.attempts() : attemptsOf(error),
                            millisSince(started))));
        }
    }

    private static int attemptsOf(Throwable error) {
        return error instanceof io.kongsync.kong.KongException k ? k.attempts() : 1;
    }

    private void finish(int index, Outcome outcome) {
        List<Integer> launch;
        synchronized (this) {
            outcomes[index] = outcome;
            finished++;
            inFlight--;
            if (outcome.status() == Outcome.Status.APPLIED) {
                for (int d : dependents.get(index)) {
                    if (--waitingFor[d] == 0 && outcomes[d] == null) {
                        ready.add(d);
                    }
                }
            } else {
                skipDependentsOf(index);
            }
            launch = takeLaunchable();
        }
        launch(launch);
        completeIfDone();
    }

    /** Every operation downstream of a failure is skipped, naming the failure itself as the cause. */
    private void skipDependentsOf(int failed) {
        Deque<Integer> todo = new ArrayDeque<>(dependents.get(failed));
        String because = "not started: it depends on '" + operations.get(failed).describe() + "', which did not succeed";
        while (!todo.isEmpty()) {
            int d = todo.poll();
            if (outcomes[d] == null) {
                outcomes[d] = new Outcome(operations.get(d), Outcome.Status.SKIPPED, because, 0, 0);
                finished++;
                todo.addAll(dependents.get(d));
            }
        }
    }

    private void completeIfDone() {
        List<Outcome> result = null;
        MonoSink<List<Outcome>> done = null;
        synchronized (this) {
            if (sink == null) {
                return;
            }
            if (finished < operations.size() && inFlight == 0 && ready.isEmpty()) {
                // Only a dependency cycle leaves work that can never start; report it rather than wait forever.
                for (int i = 0; i < outcomes.length; i++) {
                    if (outcomes[i] == null) {
                        outcomes[i] = new Outcome(operations.get(i), Outcome.Status.SKIPPED,
                                "not started: its dependencies form a cycle", 0, 0);
                        finished++;
                    }
                }
            }
            if (finished == operations.size()) {
                result = List.copyOf(Arrays.asList(outcomes));
                done = sink;
                sink = null;
            }
        }
        if (done != null) {
            done.success(result);
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
