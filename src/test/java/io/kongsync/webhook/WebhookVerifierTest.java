package io.kongsync.webhook;

import static io.kongsync.webhook.Fixtures.headers;
import static io.kongsync.webhook.Fixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {

    private static final String SECRET = "It's a Secret to Everybody";

    /** Computed independently of the verifier, as GitHub and Bitbucket do. */
    private static String hmacHex(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void githubDocumentedExampleVerifies() {
        // the example in GitHub's "Validating webhook deliveries" guide
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        String signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

        assertThat(WebhookVerifier.verify(Provider.GITHUB, SECRET, headers("X-Hub-Signature-256", signature), body))
                .isTrue();
    }

    @Test
    void githubPushSignedWithTheSecretVerifies() throws Exception {
        byte[] body = payload("github-push.json");
        String signature = "sha256=" + hmacHex(SECRET, body);

        assertThat(WebhookVerifier.verify(Provider.GITHUB, SECRET, headers("x-hub-signature-256", signature), body))
                .isTrue();
        assertThat(WebhookVerifier.verify(Provider.GITHUB, SECRET,
                headers("X-Hub-Signature-256", signature.toUpperCase(Locale.ROOT).replace("SHA256=", "sha256=")), body))
                .as("hex digits in upper case")
                .isTrue();
        assertThat(WebhookVerifier.sign(SECRET, body)).isEqualTo(signature);
    }

    @Test
    void githubRejectsWrongSecretTamperedBodyAndMissingOrMalformedSignature() throws Exception {
        byte[] body = payload("github-push.json");
        String good = "sha256=" + hmacHex(SECRET, body);
        byte[] tampered = Arrays.copyOf(body, body.length);
        tampered[tampered.length - 3] ^= 1;

        assertThat(WebhookVerifier.verify(Provider.GITHUB, "another secret", headers("X-Hub-Signature-256", good), body))
                .as("wrong secret").isFalse();
        assertThat(WebhookVerifier.verify(Provider.GITHUB, SECRET, headers("X-Hub-Signature-256", good), tampered))
                .as("tampered body").isFalse();
        assertThat(WebhookVerifier.verify(Provider.GITHUB, SECRET, headers(), body))
                .as("no signature").isFalse();
        assertThat(WebhookVerifier.verify(Provider.GITHUB, SECRET, headers("X-Hub-Signature", good), body))
                .as("only the SHA-1 era header name").isFalse();
        assertThat(WebhookVerifier.verify(Provider.GITHUB, SECRET,
                headers("X-Hub-Signature-256", good.substring("sha256=".length())), body))
                .as("no sha256= prefix").isFalse();
        assertThat(WebhookVerifier.verify(Provider.GITHUB, SECRET,
                headers("X-Hub-Signature-256", "sha1=" + good.substring("sha256=".length())), body))
                .as("other method").isFalse();
        assertThat(WebhookVerifier.verify(Provider.GITHUB, SECRET, headers("X-Hub-Signature-256", "sha256=zz"), body))
                .as("not hex").isFalse();
        assertThat(WebhookVerifier.verify(Provider.GITHUB, SECRET,
                headers("X-Hub-Signature-256", good.substring(0, good.length() - 2)), body))
                .as("truncated").isFalse();
    }

    @Test
    void noSecretConfiguredVerifiesNothing() throws Exception {
        byte[] body = payload("github-push.json");
        String emptyKeySignature = "sha256=" + hmacHex("x", body);

        assertThat(WebhookVerifier.verify(Provider.GITHUB, null, headers("X-Hub-Signature-256", emptyKeySignature), body))
                .isFalse();
        assertThat(WebhookVerifier.verify(Provider.GITLAB, "", headers("X-Gitlab-Token", ""), body)).isFalse();
        assertThat(WebhookVerifier.verify(Provider.BITBUCKET, null, headers(), body)).isFalse();
    }

    @Test
    void gitlabComparesTheToken() {
        byte[] body = payload("gitlab-push.json");

        assertThat(WebhookVerifier.verify(Provider.GITLAB, "gl-hook-7f3a", headers("X-Gitlab-Token", "gl-hook-7f3a"), body))
                .isTrue();
        assertThat(WebhookVerifier.verify(Provider.GITLAB, "gl-hook-7f3a", headers("x-gitlab-token", "gl-hook-7f3b"), body))
                .isFalse();
        assertThat(WebhookVerifier.verify(Provider.GITLAB, "gl-hook-7f3a", headers("X-Gitlab-Token", "gl-hook-7f3"), body))
                .as("prefix of the token").isFalse();
        assertThat(WebhookVerifier.verify(Provider.GITLAB, "gl-hook-7f3a", headers(), body)).isFalse();
        assertThat(WebhookVerifier.verify(Provider.GITLAB, "gl-hook-7f3a",
                headers("X-Hub-Signature-256", WebhookVerifier.sign("gl-hook-7f3a", body)), body))
                .as("a GitHub-style signature is not GitLab's token").isFalse();
    }

    @Test
    void bitbucketCloudAndDataCenterSignWithXHubSignature() throws Exception {
        for (String fixture : new String[] {"bitbucket-cloud-push.json", "bitbucket-dc-refs-changed.json"}) {
            byte[] body = payload(fixture);
            String signature = "sha256=" + hmacHex(SECRET, body);

            assertThat(WebhookVerifier.verify(Provider.BITBUCKET, SECRET, headers("X-Hub-Signature", signature), body))
                    .as(fixture).isTrue();
            assertThat(WebhookVerifier.verify(Provider.BITBUCKET, "not it", headers("X-Hub-Signature", signature), body))
                    .as(fixture + " with a wrong secret").isFalse();
            assertThat(WebhookVerifier.verify(Provider.BITBUCKET, SECRET,
                    headers("X-Hub-Signature-256", signature), body))
                    .as(fixture + " under GitHub's header name").isFalse();
            assertThat(WebhookVerifier.verify(Provider.BITBUCKET, SECRET, headers(), body))
                    .as(fixture + " unsigned").isFalse();
        }
    }

    @Test
    void signatureCoversTheRawBytesNotTheJson() throws Exception {
        byte[] compact = "{\"test\":true}".getBytes(StandardCharsets.UTF_8);
        byte[] spaced = "{\"test\": true}".getBytes(StandardCharsets.UTF_8);
        String signature = "sha256=" + hmacHex(SECRET, compact);

        assertThat(WebhookVerifier.verify(Provider.BITBUCKET, SECRET, headers("X-Hub-Signature", signature), compact))
                .isTrue();
        assertThat(WebhookVerifier.verify(Provider.BITBUCKET, SECRET, headers("X-Hub-Signature", signature), spaced))
                .isFalse();
    }
}
