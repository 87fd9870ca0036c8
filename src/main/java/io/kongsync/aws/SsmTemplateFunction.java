package io.kongsync.aws;

import io.kongsync.file.TemplateFunction;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code ${{ ssm "/kong/prod/mobile-app/key" }}}: a value from AWS SSM Parameter Store. Every name used in all files
 * is fetched at once, 10 names per {@code GetParameters} call (AWS's limit), decrypted ({@code WithDecryption});
 * a name SSM reports as invalid is unresolved, and the reader reports it at its file and line. Values are secrets:
 * the reader marks every substituted path sensitive, and nothing here logs or quotes them.
 *
 * <p>Built {@link #lazy lazily}, the SSM client is only created when a file uses {@code ssm}, so files without it
 * never need AWS credentials.
 */
public final class SsmTemplateFunction implements TemplateFunction, AutoCloseable {

    public static final String NAME = "ssm";
    /** GetParameters takes at most 10 names. */
    static final int NAMES_PER_CALL = 10;

    /** A parameter name (with an optional {@code :version} or {@code :label} selector) or a parameter ARN. */
    private static final Pattern VALID = Pattern.compile(
            "(?:arn:aws[a-z-]*:ssm:[a-z0-9-]+:\\d{12}:parameter/)?/?[A-Za-z0-9_.\\-]+(?:/[A-Za-z0-9_.\\-]+)*"
                    + "(?::[A-Za-z0-9_.\\-]+)?");

    private final Supplier<SsmClient> factory;
    private final boolean owned;
    private SsmClient client;

    /** Uses {@code client}; the caller closes it. */
    public SsmTemplateFunction(SsmClient client) {
        Objects.requireNonNull(client, "client");
        this.factory = () -> client;
        this.owned = false;
    }

    private SsmTemplateFunction(Supplier<SsmClient> factory) {
        this.factory = factory;
        this.owned = true;
    }

    /** Creates an SSM client with {@link AwsClients#ssm} on first use only; {@link #close} closes it. */
    public static SsmTemplateFunction lazy(AwsSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return new SsmTemplateFunction(() -> AwsClients.ssm(settings));
    }

    /** Creates its client with {@code factory} on first use only; {@link #close} closes it. */
    public static SsmTemplateFunction lazy(Supplier<SsmClient> factory) {
        return new SsmTemplateFunction(Objects.requireNonNull(factory, "factory"));
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * @throws AwsException when SSM cannot be reached or refuses (credentials, network, access denied, throttled
     *                      past every retry); the reader then reports every {@code ssm} template as unresolved
     */
    @Override
    public Map<String, String> resolve(Set<String> names) {
        List<String> sorted = new ArrayList<>(new TreeSet<>(names));
        Map<String, String> values = new HashMap<>();
        SsmClient ssm = client();
        for (int from = 0; from < sorted.size(); from += NAMES_PER_CALL) {
            List<String> batch = sorted.subList(from, Math.min(sorted.size(), from + NAMES_PER_CALL));
            GetParametersResponse answer;
            try {
                answer = ssm.getParameters(request -> request.names(batch).withDecryption(true));
            } catch (RuntimeException e) {
                throw AwsErrors.failed("SSM GetParameters", e);
            }
            for (Parameter parameter : answer.parameters()) {
                String asAsked = askedAs(parameter, batch);
                if (asAsked != null && parameter.value() != null) {
                    values.put(asAsked, parameter.value());
                }
            }
        }
        return values;
    }

    /** SSM answers with the parameter's name and selector (or ARN): find the name as the template wrote it. */
    private static String askedAs(Parameter parameter, List<String> batch) {
        String selector = parameter.selector() == null ? "" : parameter.selector();
        for (String candidate : new String[] {parameter.name() + selector, parameter.arn() + selector,
                parameter.name(), parameter.arn()}) {
            if (candidate != null && batch.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public String rejectArgument(String name) {
        return name.length() <= 2048 && VALID.matcher(name).matches() ? null
                : "\"" + name + "\" is not an SSM parameter name: use letters, digits and . - _ / "
                        + "(e.g. /kong/prod/mobile-app/key), optionally with :VERSION or :LABEL, or a parameter ARN";
    }

    @Override
    public String unresolvedMessage(String name) {
        return "SSM parameter " + name + " not found";
    }

    private synchronized SsmClient client() {
        if (client == null) {
            client = factory.get();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (owned && client != null) {
            client.close();
            client = null;
        }
    }
}
