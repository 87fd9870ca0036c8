package io.kongsync.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import tools.jackson.databind.JsonNode;

/**
 * What both contracts share: one target per test class, names unique to this run (a real Kong may be shared), and
 * the deletion of whatever a test created.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContractSupport {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger counter = new AtomicInteger();
    private final Deque<String> createdPaths = new ArrayDeque<>();

    protected KongTarget target;
    protected AdminHttp http;

    /** Starts (or finds) the target, or aborts the class with an assumption when it cannot run here. */
    protected abstract KongTarget openTarget();

    protected abstract KongTarget.Mode expectedMode();

    @BeforeAll
    void startTarget() {
        target = openTarget();
        http = new AdminHttp(target.url());
        assertThat(ContractTargets.probeMode(target.url())).as("mode of %s", target).isEqualTo(expectedMode());
    }

    @AfterAll
    void stopTarget() {
        if (target != null) {
            target.close();
        }
    }

    @AfterEach
    void deleteWhatTheTestCreated() {
        while (!createdPaths.isEmpty()) {
            http.delete(createdPaths.pop());
        }
    }

    /** A name no other run or test uses, e.g. {@code svc-1a2b3c4d-7}. */
    protected String unique(String prefix) {
        return prefix + "-" + RUN + "-" + counter.incrementAndGet();
    }

    /** Deleted after the test, most recent first (children before parents). */
    protected void deleteAfterTest(String path) {
        createdPaths.push(path);
    }

    /** Deleted after everything else the test created: for a parent that was created after its children. */
    protected void deleteLastAfterTest(String path) {
        createdPaths.addLast(path);
    }

    /** POSTs to {@code path}, expects 201 and schedules {@code cleanupCollection/id} for deletion. */
    protected JsonNode create(String path, String cleanupCollection, String json) {
        AdminHttp.Response response = http.post(path, json);
        assertThat(response.status()).as("POST %s %s -> %s", path, json, response).isEqualTo(201);
        deleteAfterTest(cleanupCollection + "/" + response.at("id").stringValue());
        return response.body();
    }

    protected JsonNode create(String collection, String json) {
        return create(collection, collection, json);
    }

    protected static String json(String template, Object... args) {
        return template.formatted(args);
    }

    protected static String resource(String name) {
        try (InputStream in = ContractSupport.class.getResourceAsStream("/contract/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource contract/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A key or certificate made with openssl for the tests ({@code src/test/resources/certs}). */
    protected static String pemFixture(String name) {
        try (InputStream in = ContractSupport.class.getResourceAsStream("/certs/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource certs/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON string literal, quotes included. */
    protected static String quoted(String value) {
        return AdminHttp.JSON.writeValueAsString(value);
    }
}
