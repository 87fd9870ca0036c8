package io.kongsync.cli;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Commands users bring from decK, Terraform and kubectl, and where kongsync has them. A pointer, because no edit
 * distance leads from "plan" to "diff".
 */
final class HabitPointers {

    /** decK 1.x's {@code deck gateway ...} commands that kongsync has under the same name. */
    private static final Set<String> DECK_GATEWAY_COMMANDS = Set.of("diff", "sync", "dump");

    private HabitPointers() {
    }

    /** A sentence pointing from {@code word} (followed by {@code next}, or {@code null}) to kongsync's command. */
    static Optional<String> pointer(String word, String next) {
        return Optional.ofNullable(switch (word.toLowerCase(Locale.ROOT)) {
            case "plan" -> "To see the plan, use 'kongsync diff'.";
            case "apply" -> "To make Kong match the files, use 'kongsync sync'.";
            case "gateway" -> next != null && DECK_GATEWAY_COMMANDS.contains(next)
                    ? "For decK's 'gateway " + next + "', use 'kongsync " + next + "'."
                    : "decK's 'gateway' commands are top-level commands here: 'kongsync diff', 'kongsync sync', "
                            + "'kongsync dump'.";
            case "file" -> "convert".equals(next) ? "For decK's 'file convert', use 'kongsync convert'." : null;
            case "version" -> "For the version, use 'kongsync --version'.";
            default -> null;
        });
    }
}
