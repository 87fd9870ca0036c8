package io.kongsync.service;

import java.util.List;

/**
 * What kongsync reported on the pull request it planned, and whether the provider took it.
 *
 * @param verdict     {@code success} or {@code failure}: the commit status set
 * @param description the status's description, e.g. "2 to create, 1 to update, 0 to delete"
 * @param delivered   true when every call to the provider succeeded
 * @param problems    one line per failed call (never a token); a failed delivery never fails the dry run
 */
public record ReviewRecord(String verdict, String description, boolean delivered, List<String> problems) {

    public ReviewRecord {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }
}
