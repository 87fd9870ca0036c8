package io.kongsync.cli;

import java.util.List;

/**
 * What the service takes on its command line: Spring settings as {@code --name=value}, and Spring Boot's own
 * switches {@code --debug} and {@code --trace}. Spring would take anything else as an argument it ignores.
 */
final class ServiceSettings {

    static final List<String> SWITCHES = List.of("--debug", "--trace");

    private ServiceSettings() {
    }

    static boolean isSetting(String argument) {
        return argument.startsWith("--") && argument.indexOf('=') > 2 || SWITCHES.contains(argument);
    }
}
