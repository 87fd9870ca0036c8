package io.kongsync.file;

import java.util.function.Consumer;

/**
 * A string scalar that contains at least one {@code ${{ ... }}} template, waiting for substitution.
 *
 * @param path   where the value sits in the document
 * @param line   1-based line of the scalar itself
 * @param column 1-based column of the scalar itself
 * @param text   the scalar as written
 * @param plain  written unquoted, so a value that is one whole template is re-typed after substitution
 * @param slot   stores the substituted value in its parent map or list
 */
record TemplateRef(String path, int line, int column, String text, boolean plain, Consumer<Object> slot) {
}
