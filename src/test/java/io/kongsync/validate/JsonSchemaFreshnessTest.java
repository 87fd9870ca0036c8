package io.kongsync.validate;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checked-in schema must be what the generator produces from today's catalogue. To regenerate it:
 * {@code ./mvnw test -Dtest=JsonSchemaFreshnessTest -Dkongsync.schema.update=true}.
 */
class JsonSchemaFreshnessTest {

    private static final Path CHECKED_IN = Path.of(JsonSchemaGenerator.CHECKED_IN_PATH);

    @Test
    void checkedInSchemaMatchesTheCatalogue() throws IOException {
        String generated = new JsonSchemaGenerator().generateJson();
        if (Boolean.getBoolean("kongsync.schema.update")) {
            Files.createDirectories(CHECKED_IN.getParent());
            Files.writeString(CHECKED_IN, generated, StandardCharsets.UTF_8);
        }

        String checkedIn = Files.exists(CHECKED_IN) ? Files.readString(CHECKED_IN, StandardCharsets.UTF_8) : "";

        assertThat(checkedIn)
                .as(CHECKED_IN + " is out of date with the schema catalogue; regenerate it with "
                        + "'./mvnw test -Dtest=JsonSchemaFreshnessTest -Dkongsync.schema.update=true' and commit it")
                .isEqualTo(generated);
    }

    @Test
    void generationIsDeterministic() {
        assertThat(new JsonSchemaGenerator().generateJson()).isEqualTo(new JsonSchemaGenerator().generateJson());
    }
}
