package io.kongsync.git;

/**
 * Where route files come from, safe to show.
 *
 * @param kind   "git" or "directory"
 * @param uri    the repository URI without credentials, or the directory's file URI
 * @param branch the tracked branch; null for a directory
 * @param path   the routes path inside the repository, or the directory as configured
 */
public record SourceInfo(String kind, String uri, String branch, String path) {
}
