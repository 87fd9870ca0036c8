package io.kongsync.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which AWS resource types take tags: src/test/resources/infra/aws-resource-types.txt, generated from the AWS
 * provider's schema ({@code terraform providers schema -json}); {@code TerraformCliTest} compares it with the
 * provider's schema wherever terraform runs.
 */
final class AwsResourceTypes {

    static final String RESOURCE = "/infra/aws-resource-types.txt";

    private final Map<String, Boolean> taggable;

    private AwsResourceTypes(Map<String, Boolean> taggable) {
        this.taggable = taggable;
    }

    static AwsResourceTypes load() {
        Map<String, Boolean> taggable = new TreeMap<>();
        try (InputStream stream = AwsResourceTypes.class.getResourceAsStream(RESOURCE)) {
            if (stream == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.trim().split("\\s+");
                if (fields.length != 2 || !(fields[1].equals("tags") || fields[1].equals("no-tags"))) {
                    throw new IllegalStateException(RESOURCE + ": cannot read line: " + line);
                }
                taggable.put(fields[0], fields[1].equals("tags"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AwsResourceTypes(taggable);
    }

    /** Whether {@code type} takes tags; empty when the list does not know it. */
    Optional<Boolean> takesTags(String type) {
        return Optional.ofNullable(taggable.get(type));
    }
}
