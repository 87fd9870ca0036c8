package io.kongsync.scm;

import java.util.List;

/**
 * How talking to the provider went. Failures are recorded, never thrown: a provider that is down must not fail a plan.
 *
 * @param problems one line per call that failed after its retries, e.g.
 *                 {@code "GitHub answered 403 to PATCH .../comments/7 after 3 tries: Resource not accessible"};
 *                 never holds a token
 */
public record Delivery(List<String> problems) {

    public static final Delivery OK = new Delivery(List.of());

    public Delivery {
        problems = List.copyOf(problems);
    }

    public boolean delivered() {
        return problems.isEmpty();
    }
}
