package io.kongsync.service;

/** A sync's report in the three formats, rendered once with every secret already masked. */
public record StoredReports(String text, String json, String markdown) {
}
