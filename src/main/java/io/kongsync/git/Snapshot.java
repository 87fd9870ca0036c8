package io.kongsync.git;

import java.nio.file.Path;
import java.time.Instant;

public record Snapshot(String commit, String shortMessage, String author, Instant commitTime, Path routes) {
}
