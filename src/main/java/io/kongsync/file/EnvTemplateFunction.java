package io.kongsync.file;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/** decK's {@code env} template function: reads environment variables whose names start with {@code DECK_}. */
public final class EnvTemplateFunction implements TemplateFunction {

    public static final String NAME = "env";
    static final String REQUIRED_PREFIX = "DECK_";

    private final Function<String, String> environment;

    /** @param environment variable name to value, null when unset (production: {@code System::getenv}) */
    public EnvTemplateFunction(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> resolve(Set<String> arguments) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String variable : arguments) {
            String value = environment.apply(variable);
            if (value != null) {
                values.put(variable, value);
            }
        }
        return values;
    }

    @Override
    public String rejectArgument(String argument) {
        return argument.startsWith(REQUIRED_PREFIX)
                ? null
                : "environment variable " + argument + " may not be read: only variables whose names start with "
                        + REQUIRED_PREFIX + " are allowed in templates";
    }

    @Override
    public String unresolvedMessage(String argument) {
        return "environment variable " + argument + " is not set";
    }
}
