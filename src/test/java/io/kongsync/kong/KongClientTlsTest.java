package io.kongsync.kong;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** An https Admin API whose self-signed certificate (made by the JDK's keytool) is trusted through the CA option. */
class KongClientTlsTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    static Path caPem;
    static WireMockServer kong;

    @BeforeAll
    static void startHttpsKong() throws Exception {
        Path keystore = dir.resolve("kong-admin.p12");
        caPem = dir.resolve("kong-admin-ca.pem");
        keytool("-genkeypair", "-alias", "kong", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-ext", "BC:c=ca:true",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "kong", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", caPem.toString());
        kong = new WireMockServer(wireMockConfig().httpDisabled(true).dynamicHttpsPort()
                .keystorePath(keystore.toString()).keystoreType("PKCS12")
                .keystorePassword(PASSWORD).keyManagerPassword(PASSWORD));
        kong.start();
        kong.stubFor(get(urlEqualTo("/status")).willReturn(okJson("{\"server\": {\"connections_active\": 1}}")));
    }

    @AfterAll
    static void stop() {
        if (kong != null) {
            kong.stop();
        }
    }

    @Test
    void trustsTheAdminApiThroughTheGivenCa() {
        try (KongClient client = KongClient.create(KongSettings.of(httpsUrl()).withCaCertificate(caPem))) {
            assertThat(client.status().block()).containsKey("server");
        }
    }

    @Test
    void refusesAnUntrustedCertificateWithoutRetrying() {
        try (KongClient client = KongClient.create(KongSettings.of(httpsUrl()))) {
            StepVerifier.create(client.status())
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(KongConnectionException.class, c -> {
                        assertThat(c.getMessage()).startsWith("GET /status: TLS failure");
                        assertThat(c.isRetryable()).isFalse();
                        assertThat(c.attempts()).isEqualTo(1);
                    }))
                    .verify();
        }
    }

    private static URI httpsUrl() {
        return URI.create("https://localhost:" + kong.httpsPort());
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("keytool.log").toFile()).start();
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("keytool failed (" + exit + "): " + Files.readString(dir.resolve("keytool.log")));
        }
    }
}
