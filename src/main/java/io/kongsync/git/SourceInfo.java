package io.kongsync.git;

public record SourceInfo(String kind, String uri, String branch, String path) {
}
