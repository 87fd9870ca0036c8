package io.kongsync.scm;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitHubAppTokensTest extends ScmWireMock {

    private static final Instant NOW = Instant.parse("2026-03-04T09:00:00Z");
    private static final String TOKENS = "/api/v3/app/installations/77/access_tokens";
    private static final String STATUS = "/api/v3/repos/acme/kong-routes/statuses/" + HEAD;
    private static final PullRequest PR = new PullRequest(ScmApi.GITHUB, "acme/kong-routes", 12, HEAD, null, null);

    private static KeyPair keys;

    @BeforeAll
    static void generateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    /** The key as GitHub hands it out: PKCS#1, i.e. the OCTET STRING inside Java's PKCS#8 encoding. */
    static String pkcs1Pem() {
        byte[] pkcs8 = keys.getPrivate().getEncoded();
        assertThat(pkcs8[22]).as("OCTET STRING of a 2048-bit key's PKCS#8").isEqualTo((byte) 0x04);
        return pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, 26, pkcs8.length));
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private ScmReviews reviews(String pem, Clock clock) {
        ScmSettings settings = settings().withGitHub(new ScmSettings.GitHub(null, base("/api/v3"), "12345", pem, 77L));
        ScmHttp http = new ScmHttp(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                Duration.ofSeconds(5), QUICK_RETRIES, duration -> { }, clock);
        return ScmReviews.from(settings, http);
    }

    private void stubGitHub(String expiresAt) {
        server.stubFor(post(urlEqualTo(TOKENS)).willReturn(answer(201, """
                {"token":"ghs_16C7e42F292c6912E7710c838347Ae178B4a","expires_at":"%s",
                 "permissions":{"pull_requests":"write","statuses":"write"},"repository_selection":"selected"}
                """.formatted(expiresAt))));
        server.stubFor(post(urlEqualTo(STATUS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"state\":\"pending\"}")));
    }

    @Test
    void anInstallationTokenIsBoughtWithASignedJwtAndKeptUntilItExpires() throws Exception {
        stubGitHub("2026-03-04T10:00:00Z");
        ScmReviews reviews = reviews(pkcs1Pem(), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(reviews.pending(PR).problems()).isEmpty();
        assertThat(reviews.pending(PR).problems()).isEmpty();

        assertThat(requests("POST", TOKENS)).hasSize(1);
        assertThat(requests("POST", STATUS)).hasSize(2).allSatisfy(request -> assertThat(
                request.getHeader("Authorization")).isEqualTo("Bearer ghs_16C7e42F292c6912E7710c838347Ae178B4a"));
        String jwt = requests("POST", TOKENS).get(0).getHeader("Authorization").substring("Bearer ".length());
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(keys.getPublic());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        JsonNode header = ScmHttp.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = ScmHttp.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.get("alg").asString()).isEqualTo("RS256");
        assertThat(claims.get("iss").asLong()).isEqualTo(12345);
        assertThat(claims.get("iat").asLong()).isEqualTo(NOW.getEpochSecond() - 60);
        assertThat(claims.get("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 540);
    }

    @Test
    void aTokenAboutToExpireIsRenewed() {
        stubGitHub("2026-03-04T09:04:00Z");
        ScmReviews reviews = reviews(pem("PRIVATE KEY", keys.getPrivate().getEncoded()),
                Clock.fixed(NOW, ZoneOffset.UTC));

        reviews.pending(PR);
        reviews.pending(PR);

        assertThat(requests("POST", TOKENS)).hasSize(2);
    }

    @Test
    void aRefusedTokenIsAProblemLineAndNoStatusCall() {
        server.stubFor(post(urlEqualTo(TOKENS)).willReturn(answer(401,
                "{\"message\":\"'Expiration time' claim ('exp') is too far in the future\","
                        + "\"documentation_url\":\"https://docs.github.com/rest\"}")));

        List<String> problems = reviews(pkcs1Pem(), Clock.systemUTC()).pending(PR).problems();

        assertThat(problems).containsExactly("GitHub answered 401 to POST " + TOKENS
                + ": 'Expiration time' claim ('exp') is too far in the future");
        assertThat(requests("POST", STATUS)).isEmpty();
    }

    @Test
    void anUnreadableKeyIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> reviews("-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LWtleS1ieXRlcw==\n"
                + "-----END RSA PRIVATE KEY-----", Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kongsync.scm.github.app-private-key is not a readable RSA private key");
        assertThatThrownBy(() -> reviews("not a key", Clock.systemUTC()))
                .hasMessageStartingWith("kongsync.scm.github.app-private-key is not a PEM private key");
    }
}
