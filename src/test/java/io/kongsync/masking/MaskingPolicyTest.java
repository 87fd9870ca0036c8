package io.kongsync.masking;

import io.kongsync.model.Origin;
import io.kongsync.validate.Diagnostic;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingPolicyTest {

    @Test
    void masksAValueInsideALongerWordIgnoringCase() {
        MaskingPolicy policy = MaskingPolicy.of(List.of("S3cr3tValue"));

        assertThat(policy.mask("invalid regex: '/S3cr3tValue(' and host s3cr3tvalue.internal"))
                .isEqualTo("invalid regex: '/(sensitive)(' and host (sensitive).internal");
    }

    @Test
    void masksTheLongestValueFirst() {
        MaskingPolicy policy = MaskingPolicy.of(List.of("token", "token-2024-extended"));

        assertThat(policy.mask("got token-2024-extended and token")).isEqualTo("got (sensitive) and (sensitive)");
    }

    @Test
    void masksAShortValueOnlyWhereItStandsAlone() {
        MaskingPolicy policy = MaskingPolicy.of(List.of("42"));

        assertThat(policy.mask("port 42 is not 4242 nor v42, but (42) is"))
                .isEqualTo("port (sensitive) is not 4242 nor v42, but ((sensitive)) is");
    }

    @Test
    void masksEscapedAndEncodedForms() {
        MaskingPolicy policy = MaskingPolicy.of(List.of("pa\"ss/wo rd"));

        assertThat(policy.mask("{\"key\":\"pa\\\"ss/wo rd\"} {key=\"pa\\\"ss\\/wo rd\"} /x?k=pa%22ss%2Fwo+rd"))
                .isEqualTo("{\"key\":\"(sensitive)\"} {key=\"(sensitive)\"} /x?k=(sensitive)");
    }

    @Test
    void keepsWhereADiagnosticPoints() {
        MaskingPolicy policy = MaskingPolicy.of(List.of("7", "a.yaml-secret"));
        Diagnostic d = new Diagnostic(new Origin("a.yaml", 7, 7, "services[7].host"), "invalid value: 7");

        assertThat(policy.mask(d).format()).isEqualTo("a.yaml:7:7: services[7].host: invalid value: (sensitive)");
    }

    @Test
    void ignoresBlankValuesAndCombinesPolicies() {
        MaskingPolicy policy = MaskingPolicy.of(Arrays.asList("", " ", null)).and(MaskingPolicy.of(List.of("abcd")));

        assertThat(policy.mask("a b abcd")).isEqualTo("a b (sensitive)");
        assertThat(MaskingPolicy.NONE.mask("abcd")).isEqualTo("abcd");
    }
}
