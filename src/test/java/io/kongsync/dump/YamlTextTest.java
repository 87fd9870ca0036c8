package io.kongsync.dump;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class YamlTextTest {

    @Test
    void stringsAYamlReaderCouldMisreadAreQuotedAndOthersAreNot() {
        List<String> ambiguous = List.of("on", "yes", "No", "1.0", "1_000", "12:30", "2024-01-02", "0x1F", "true", "null",
                "~", "~/v1/(a|b)$", "*", "&x", "!tag", "", "80");
        List<String> plain = List.of("nyan.mydomain.com", "/orders", "x-a:1", "10.0.0.0/8", "uuid#counter", "onwards");

        String text = YamlText.write(Map.of("a", ambiguous, "p", plain));

        for (String s : ambiguous) {
            assertThat(text).contains("  - '" + s + "'\n");
        }
        for (String s : plain) {
            assertThat(text).contains("  - " + s + "\n");
        }
    }

    @Test
    void multiLineTextIsALiteralBlock() {
        assertThat(YamlText.write(Map.of("cert", "-----BEGIN-----\nabc\n-----END-----\n")))
                .isEqualTo("cert: |\n  -----BEGIN-----\n  abc\n  -----END-----\n");
    }
}
