package io.kongsync.file;

import java.util.Map;
import java.util.Set;

/**
 * A function usable in decK templates, {@code ${{ NAME "ARGUMENT" }}}. The reader collects every argument used with
 * this function in all files first and calls {@link #resolve} once, so an implementation can batch its look-ups
 * (e.g. AWS SSM's GetParameters takes 10 names per call).
 */
public interface TemplateFunction {

    /** The name used in templates, e.g. {@code env}. */
    String name();

    /**
     * Resolves the arguments. Arguments absent from the result are unresolved and reported with
     * {@link #unresolvedMessage}. The values are secrets: they must never be logged or put in messages.
     */
    Map<String, String> resolve(Set<String> arguments);

    /** Why an argument may not be used at all (it is then not passed to {@link #resolve}), or null when it may. */
    default String rejectArgument(String argument) {
        return null;
    }

    /** The diagnostic for an argument {@link #resolve} did not return. */
    default String unresolvedMessage(String argument) {
        return name() + " \"" + argument + "\" could not be resolved";
    }
}
