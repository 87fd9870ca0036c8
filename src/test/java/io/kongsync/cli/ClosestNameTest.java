package io.kongsync.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClosestNameTest {

    private static final List<String> COMMANDS = List.of("validate", "diff", "sync", "dump", "sandbox", "serve", "help");
    private static final List<String> OPTIONS = List.of("-h", "--help", "-V", "--version", "--debug", "--trace");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", textBlock = """
            vaildate, validate
            VALIDATE, validate
            valdate,  validate
            dif,      diff
            synk,     sync
            sever,    serve
            sandbx,   sandbox
            up,       none
            sink,     none
            plan,     none
            apply,    none
            """)
    void aTypoFindsItsCommandAndAnUnrelatedWordFindsNone(String word, String expected) {
        assertThat(ClosestName.to(word, COMMANDS)).isEqualTo(java.util.Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", textBlock = """
            --vesion, --version
            --hlep,   --help
            --debg,   --debug
            -s,       none
            --port,   none
            """)
    void aMistypedOptionFindsItsOption(String word, String expected) {
        assertThat(ClosestName.to(word, OPTIONS)).isEqualTo(java.util.Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(textBlock = """
            vaildate, validate, 1
            abc,      abc,      0
            abc,      acb,      1
            abc,      '',       3
            kitten,   sitting,  3
            ca,       abc,      3
            """)
    void distanceCountsAnAdjacentTranspositionAsOneEdit(String a, String b, int expected) {
        assertThat(ClosestName.distance(a, b)).isEqualTo(expected);
    }
}
