package io.kongsync.file;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import static org.assertj.core.api.Assertions.assertThat;

class FastCoreSchemaTest {

    @ParameterizedTest
    @ValueSource(strings = {"true", "True", "TRUE", "tRUE", "false", "FALSE", "trueish", "f", "null", "Null", "NULL",
            "nullable", "~", "~foo", "n", "no", "yes", "on", "off", "0", "42", "-7", "+3", "0x1F", "0o17", "017",
            "1e3", "3.0", ".5", ".inf", "-.Inf", ".nan", ".name", "-", "1.2.3", "<<", "<x", "nyan.ecs.local",
            "/orders", "~/cats/\\d+$", "${{ env \"DECK_X\" }}", "managed-by:kongsync"})
    void resolvesEveryPlainScalarAsTheCoreSchemaDoes(String scalar) {
        assertThat(new FastCoreSchema().getScalarResolver().resolve(scalar, true))
                .isEqualTo(new CoreSchema().getScalarResolver().resolve(scalar, true));
    }
}
