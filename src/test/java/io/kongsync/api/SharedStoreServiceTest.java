package io.kongsync.api;

import io.kongsync.server.RunningService;
import io.kongsync.store.LocalPostgres;
import io.kongsync.store.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service with {@code kongsync.store.url}: its history is in PostgreSQL, and the API serves it from there. */
class SharedStoreServiceTest {

    @RegisterExtension
    static final PostgresDatabase POSTGRES = new PostgresDatabase();

    @TempDir
    Path dir;

    @Test
    void withoutAStoreTheHistoryStaysInFilesAndNoDataSourceExists() {
        try (ServiceFixture fixture = new ServiceFixture(dir);
             RunningService service = ServiceFixture.idle(RunningService.start(fixture.settings()))) {
            assertThat(service.bean(io.kongsync.store.Store.class).describe()).startsWith("files in ");
            assertThat(fixture.dataDir.resolve("history.jsonl")).exists();
            assertThatThrownBy(() -> service.bean(javax.sql.DataSource.class))
                    .isInstanceOf(org.springframework.beans.factory.NoSuchBeanDefinitionException.class);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theStartUpSyncIsRecordedInPostgresAndALostStoreRefusesSyncsUntilItReturns() throws Exception {
        LocalPostgres.Database database = POSTGRES.database();
        try (ServiceFixture fixture = new ServiceFixture(dir)) {
            Map<String, String> settings = fixture.settings();
            settings.put("kongsync.store.url", database.url());
            settings.put("kongsync.store.username", database.username());
            settings.put("kongsync.store.password", database.password());
            settings.put("kongsync.store.timeout", "1s");
            try (RunningService service = ServiceFixture.idle(RunningService.start(settings))) {
                String id;
                try (Connection connection = database.connect(); Statement sql = connection.createStatement();
                     ResultSet rows = sql.executeQuery("SELECT id, state, record->>'trigger', "
                             + "(SELECT count(*) FROM sync_report r WHERE r.id = s.id) FROM sync_record s")) {
                    assertThat(rows.next()).as("the start-up sync is in PostgreSQL").isTrue();
                    id = rows.getString(1);
                    assertThat(rows.getString(2)).isEqualTo("succeeded");
                    assertThat(rows.getString(3)).isEqualTo("start");
                    assertThat(rows.getLong(4)).as("with its report").isEqualTo(1);
                    assertThat(rows.next()).isFalse();
                }
                assertThat(fixture.dataDir.resolve("history.jsonl")).as("no history on local disk").doesNotExist();

                Map<String, Object> list = ServiceFixture.json(service.get("/api/v1/syncs", ServiceFixture.TOKEN)
                        .body());
                assertThat((List<Map<String, Object>>) list.get("items")).extracting(item -> item.get("id"))
                        .containsExactly(id);
                RunningService.Reply report = service.get("/api/v1/syncs/" + id + "?format=text",
                        ServiceFixture.TOKEN);
                assertThat(report.status()).isEqualTo(200);
                assertThat(report.body()).contains("nyan").doesNotContain(ServiceFixture.CONSUMER_KEY);
                Map<String, Object> status = ServiceFixture.json(service.get("/api/v1/status",
                        ServiceFixture.TOKEN).body());
                assertThat((Map<String, Object>) status.get("lastSync")).containsEntry("id", id);

                POSTGRES.server().stopImmediately();
                RunningService.Reply refused;
                try {
                    refused = service.call("POST", "/api/v1/syncs", ServiceFixture.TOKEN, "{}");
                    assertThat(refused.status()).isEqualTo(503);
                    assertThat(refused.body()).contains("the sync history cannot be written")
                            .contains(database.url()).doesNotContain(database.password());
                    Map<String, Object> during = ServiceFixture.json(service.get("/api/v1/status",
                            ServiceFixture.TOKEN).body());
                    assertThat((String) during.get("historyWriteFailure")).contains(database.url());
                    assertThat(service.get("/api/v1/syncs", ServiceFixture.TOKEN).status()).isEqualTo(503);
                } finally {
                    POSTGRES.server().start();
                }

                RunningService.Reply accepted = null;
                long deadline = System.nanoTime() + 15_000_000_000L;
                while (System.nanoTime() < deadline) {
                    accepted = service.call("POST", "/api/v1/syncs", ServiceFixture.TOKEN, "{}");
                    if (accepted.status() != 503) {
                        break;
                    }
                    Thread.sleep(250);
                }
                assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
                Map<String, Object> done = ServiceFixture.awaitFinished(service, accepted.header("Location"));
                assertThat(done).containsEntry("state", "succeeded");
                assertThat(ServiceFixture.json(service.get("/api/v1/syncs", ServiceFixture.TOKEN).body()))
                        .containsEntry("total", 2);
            }
        }
    }
}
