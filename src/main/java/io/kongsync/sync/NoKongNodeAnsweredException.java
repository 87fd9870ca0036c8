package io.kongsync.sync;

import java.util.List;

/** None of a gateway's Kong nodes could be reached. The message names every node and why; it holds no secret. */
public final class NoKongNodeAnsweredException extends RuntimeException {

    NoKongNodeAnsweredException(List<String> failures) {
        super("no Kong node answered: " + String.join("; ", failures));
    }
}
