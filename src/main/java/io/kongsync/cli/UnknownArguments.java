package io.kongsync.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The first argument kongsync does not know, found before anything runs, and what was probably meant. The root and
 * {@code serve} collect what picocli cannot match, to hand settings to Spring; of that, only settings for the service
 * are valid, so an unknown word can never fall through to the service.
 */
final class UnknownArguments {

    private static final String NEWLINE = System.lineSeparator();

    private UnknownArguments() {
    }

    /** The message for the first unknown argument in {@code root}'s parse, if there is one. */
    static Optional<String> in(ParseResult root) {
        ParseResult command = root.subcommand();
        List<String> rootArguments = root.unmatched();
        if (command == null) {
            return firstNonSetting(rootArguments).map(index -> unknown(root.commandSpec(), rootArguments, index));
        }
        if (!rootArguments.isEmpty()) {
            return Optional.of(beforeCommand(root.commandSpec(), rootArguments, command.commandSpec().name()));
        }
        List<String> commandArguments = command.unmatched();
        return firstNonSetting(commandArguments)
                .map(index -> unknown(command.commandSpec(), commandArguments, index));
    }

    private static Optional<Integer> firstNonSetting(List<String> arguments) {
        for (int i = 0; i < arguments.size(); i++) {
            if (!ServiceSettings.isSetting(arguments.get(i))) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** Whatever stands between {@code kongsync} and its command belongs to neither. */
    private static String beforeCommand(CommandSpec root, List<String> arguments, String commandName) {
        String first = arguments.get(0);
        if (!ServiceSettings.isSetting(first)) {
            List<String> words = new ArrayList<>(arguments);
            words.add(commandName);
            return unknown(root, words, 0);
        }
        return root.qualifiedName() + ": '" + first + "' before the command '" + commandName
                + "' is not an option of kongsync. Options follow the command they belong to." + NEWLINE
                + seeHelp(root);
    }

    private static String unknown(CommandSpec command, List<String> arguments, int index) {
        String argument = arguments.get(index);
        if (argument.startsWith("-")) {
            return unknownOption(command, argument);
        }
        if (command.parent() == null) {
            return unknownCommand(command, argument, index + 1 < arguments.size() ? arguments.get(index + 1) : null);
        }
        return command.qualifiedName() + ": unexpected argument '" + argument + "': " + command.name()
                + " takes only settings, as --name=value." + NEWLINE + seeHelp(command);
    }

    private static String unknownCommand(CommandSpec root, String word, String next) {
        Optional<String> meant = HabitPointers.pointer(word, next)
                .or(() -> ClosestName.to(word, root.subcommands().keySet()).map(name -> "Did you mean '" + name + "'?"));
        return root.qualifiedName() + ": '" + word + "' is not a kongsync command." + meant.map(" "::concat).orElse("")
                + NEWLINE + "Commands:" + NEWLINE + root.commandLine().getHelp().commandList() + seeHelp(root);
    }

    private static String unknownOption(CommandSpec command, String option) {
        List<String> known = Stream.concat(command.options().stream().map(OptionSpec::names).flatMap(Arrays::stream),
                ServiceSettings.SWITCHES.stream()).toList();
        Optional<String> meant = ClosestName.to(option, known).map(name -> " Did you mean '" + name + "'?");
        return command.qualifiedName() + ": unknown option '" + option + "'." + meant.orElse("") + NEWLINE
                + "The service takes settings as --name=value (e.g. --server.port=9090), and Spring Boot's "
                + String.join(" and ", ServiceSettings.SWITCHES) + "." + NEWLINE + seeHelp(command);
    }

    private static String seeHelp(CommandSpec command) {
        return "See '" + command.qualifiedName() + " --help'." + NEWLINE;
    }
}
