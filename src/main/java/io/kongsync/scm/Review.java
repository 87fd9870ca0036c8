package io.kongsync.scm;

import java.net.URI;
import java.util.Objects;

/**
 * What kongsync has to say on a pull request: the comment and the commit status {@code kongsync/plan}.
 *
 * @param verdict     the status: the plan can be applied, or it cannot (invalid files, conflicts, a refusal)
 * @param description the status's one-line description, e.g. "2 to create, 1 to update, 0 to delete"
 * @param markdown    the whole comment, secrets already masked; cut to the provider's limit when published
 * @param fullReport  where the whole report can be read in kongsync's API; null when kongsync has no public address
 */
public record Review(Verdict verdict, String description, String markdown, URI fullReport) {

    public enum Verdict { SUCCESS, FAILURE }

    public Review {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(markdown, "markdown");
    }
}
