package io.kongsync.git;

import java.nio.file.Path;
import java.time.Instant;

/**
 * The route files at one commit.
 *
 * @param commit       full sha; null for a plain directory
 * @param shortMessage first line of the commit message; null for a plain directory
 * @param author       the commit author's name; null for a plain directory
 * @param commitTime   when the commit was made (committer time); null for a plain directory
 * @param routes       the directory holding the files at that commit. For git it is never written again while
 *                     it exists; for a plain directory it is the directory itself, which may change under you.
 */
public record Snapshot(String commit, String shortMessage, String author, Instant commitTime, Path routes) {
}
