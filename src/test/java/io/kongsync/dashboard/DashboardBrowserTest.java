package io.kongsync.dashboard;

import io.kongsync.api.ServiceFixture;
import io.kongsync.sandbox.AdminClient;
import io.kongsync.server.KongTarget;
import io.kongsync.server.RunningService;
import io.kongsync.service.SyncCoordinator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in headless Chromium against {@code kongsync serve} syncing a routes directory into its in-process
 * sandbox. One service and one browser for the whole class; the tests run in order, each leaving Kong matching the
 * files for the next.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    static final String TOKEN = "dashboard-token-5e2a7c";
    /** The routes every service test starts from: a service, a route with a plugin, a consumer with a key. */
    static final String CONSUMER_KEY = ServiceFixture.CONSUMER_KEY;
    static final String ROUTES = ServiceFixture.ROUTES;
    /**
     * Chromium logs every failed request to the console; these the dashboard provokes on purpose: the first call
     * without the token, a wrong token, and a plan of invalid files.
     */
    static final Pattern EXPECTED_CONSOLE = Pattern.compile(
            "/api/v1/\\S+ - Failed to load resource: the server responded with a status of (401 \\(Unauthorized\\)"
                    + "|422 \\(Unprocessable (Content|Entity)\\))");

    @TempDir
    static Path root;
    static Path routes;
    static RunningService service;
    static AdminClient kong;
    static Browser browser;

    @BeforeAll
    static void start() throws IOException {
        Browser.assumeInstalled();
        routes = Files.createDirectories(root.resolve("routes"));
        Files.writeString(routes.resolve("nyan.yaml"), ROUTES);
        service = RunningService.start(Map.of(
                "kongsync.git.path", routes.toString(),
                "kongsync.data-dir", root.resolve("data").toString(),
                "kongsync.api.token", TOKEN,
                "kongsync.drift.interval", "5m"));
        awaitIdle();
        kong = new AdminClient(service.bean(KongTarget.class).adminUrl());
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @AfterEach
    void theConsoleStaysClean() {
        browser.assertCleanConsoleAndLayout(EXPECTED_CONSOLE);
    }

    @Test
    @Order(0)
    void thePageAndItsFilesNeedNoTokenButTheApiDoes() {
        RunningService.Reply page = service.get("/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("Content-Security-Policy").contains("script-src 'self'");
        for (String file : List.of("/js/app.js", "/js/plan.js", "/js/dom.js", "/js/inventory.js")) {
            RunningService.Reply script = service.get(file, null);
            assertThat(script.status()).as(file).isEqualTo(200);
            assertThat(script.header("Content-Type")).as(file).startsWith("text/javascript");
            assertThat(script.header("Cache-Control")).as(file).isEqualTo("no-cache");
        }
        assertThat(service.get("/css/dashboard.css", null).status()).isEqualTo(200);
        assertThat(service.get("/api/v1/status", null).status()).isEqualTo(401);
    }

    @Test
    @Order(1)
    void theOverviewAsksForTheTokenOnceAndShowsTheSyncedSandbox() {
        browser.open(service.url() + "/");

        WebElement dialog = browser.await("the token form", () -> browser.find("#token-dialog").isDisplayed()
                ? browser.find("#token-dialog") : null);
        assertThat(dialog.getText()).contains("needs its token");
        browser.find("#token-input").sendKeys(TOKEN, Keys.ENTER);

        browser.awaitText("main h1", "Overview");
        browser.awaitText(".drift-now", "Kong matches the files.");
        assertThat(browser.find(".sandbox-notice").getText())
                .startsWith("This is the kongsync sandbox, not a Kong gateway.");
        String node = browser.find("table.nodes tbody tr").getText();
        assertThat(node).contains(service.bean(KongTarget.class).adminUrl().toString())
                .contains("kongsync sandbox").contains("reachable").contains("3.9.1").contains("database");
        assertThat(browser.find("#source-title").findElement(By.xpath("..")).getText())
                .contains("Directory").contains(routes.toUri().toString().replaceAll("/$", ""));
        String lastSync = browser.find("#last-sync-title").findElement(By.xpath("..")).getText();
        assertThat(lastSync).contains("succeeded").contains("Kong matched the files afterwards").contains("start")
                .contains("5 to create, 0 to update, 0 to delete");
        assertThat(browser.script("return sessionStorage.getItem('kongsync.apiToken')")).isEqualTo(TOKEN);
        assertThat(browser.script("return localStorage.length + document.cookie.length")).isEqualTo(0L);
        browser.screenshot("overview.png");

        browser.driver.navigate().refresh();
        browser.awaitText(".drift-now", "Kong matches the files.");
        assertThat(browser.find("#token-dialog").isDisplayed()).as("asked once per browser session").isFalse();
    }

    @Test
    @Order(2)
    void thePlanViewShowsAChangeMadeInTheSandbox() {
        kong.patch("/routes/nyan", Map.of("hosts", List.of("changed.example.com")));
        kong.patch("/services/nyan", Map.of("read_timeout", 1234));
        String credential = (String) kong.get("/key-auths").data().get(0).get("id");
        kong.patch("/key-auths/" + credential, Map.of("tags", List.of("managed-by:kongsync", "team:x")));

        browser.open(service.url() + "/");
        browser.awaitText(".drift-now", "3 pending changes: 0 to create, 3 to update, 0 to delete.");
        browser.find("header nav a[href='#/plan']").click();

        browser.awaitText(".plan-summary", "Plan: 0 to create, 3 to update, 0 to delete.");
        WebElement route = browser.find(".change.update[data-kind='route'][data-name='nyan']");
        assertThat(route.getText()).contains("update route nyan");
        assertThat(row(route, "hosts")).containsExactly("hosts", "[\"changed.example.com\"]", "[\"nyan.mydomain.com\"]");
        WebElement service = browser.find(".change.update[data-kind='service'][data-name='nyan']");
        assertThat(row(service, "read_timeout")).containsExactly("read_timeout", "1234", "60000");
        assertThat(groups()).as("the route's change is shown under its service").contains("service nyan", "Consumers")
                .doesNotContain("route nyan");
        assertThat(route.getText()).containsPattern("nyan\\.yaml:\\d+");
        WebElement key = browser.find(".change[data-kind='keyauth_credential']");
        assertThat(key.findElement(By.cssSelector(".name")).getText()).isEqualTo("(sensitive)");
        assertThat(key.getText()).contains("(consumer mobile-app)");
        assertThat(browser.driver.getPageSource()).doesNotContain(CONSUMER_KEY);
        assertThat(browser.findAll(".warning")).as("no warnings in this plan").isEmpty();
        browser.screenshot("plan.png");
    }

    @Test
    @Order(3)
    void syncNowWithTheTokenClearsTheDriftAndShowsItsProgress() {
        browser.open(service.url() + "/#/plan");
        browser.awaitText(".plan-summary", "3 to update");
        browser.script("sessionStorage.clear()");
        recordProgress();

        browser.find("#sync-now").click();
        browser.await("the token form", () -> browser.find("#token-dialog").isDisplayed());
        browser.find("#token-input").sendKeys("not-the-token", Keys.ENTER);
        browser.awaitText("#token-message", "did not accept that token");
        browser.find("#token-input").sendKeys(TOKEN, Keys.ENTER);

        browser.awaitText("#progress .result", "Sync succeeded");
        browser.awaitText(".plan-summary", "No changes. Kong matches the files.");
        assertThat(progressSeen()).anyMatch(text -> text.matches("(?s).*Sync \\S+ (queued|running).*"));
        assertThat(kong.get("/routes/nyan").json().get("hosts")).isEqualTo(List.of("nyan.mydomain.com"));
        assertThat(kong.get("/services/nyan").json().get("read_timeout")).isEqualTo(60000);
        assertThat(browser.findAll(".actions button[disabled]")).isEmpty();
    }

    @Test
    @Order(4)
    void aFailedSyncShowsItsErrorAndEveryOperationsOutcome() throws IOException {
        // Kong refuses the consumer: an entity kongsync does not manage already holds its unique custom_id
        kong.post("/consumers", Map.of("username", "legacy-app", "custom_id", "app-42"));
        Files.writeString(routes.resolve("billing.yaml"), """
                _format_version: "3.0"
                consumers:
                  - username: billing-app
                    custom_id: app-42
                    acls:
                      - group: billing
                """);
        try {
            browser.open(service.url() + "/");
            browser.awaitText(".drift-now", "2 pending changes");
            browser.find("#sync-now").click();

            WebElement result = browser.awaitText("#progress .result", "Sync failed");
            assertThat(result.getAttribute("class")).contains("bad");
            browser.find("#progress a").click();

            browser.awaitText("main h1", "Sync");
            assertThat(browser.find(".sync-error").getText()).isNotBlank();
            WebElement failed = browser.find("table.operations tr.op-failed");
            assertThat(failed.getText()).contains("create consumer billing-app").contains("failed")
                    .containsIgnoringCase("unique");
            assertThat(browser.find("table.operations tr.op-skipped").getText())
                    .contains("create acl billing (consumer billing-app)").contains("skipped")
                    .contains("depends on");
            assertThat(browser.find("dl.facts").getText()).contains("Kong matches the files").contains("no");
            browser.screenshot("sync.png");
        } finally {
            Files.delete(routes.resolve("billing.yaml"));
            kong.delete("/consumers/legacy-app");
        }
    }

    @Test
    @Order(5)
    void theHistoryListsTheSyncsNewestFirst() {
        browser.open(service.url() + "/");
        browser.awaitText("main h1", "Overview");
        browser.find("header nav a[href='#/history']").click();

        browser.awaitText(".intro", "syncs kept, newest first");
        List<WebElement> rows = browser.findAll("table.history tbody tr");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).getAttribute("class")).isEqualTo("state-failed");
        assertThat(rows.get(0).getText()).contains("api").contains("failed");
        assertThat(rows.get(1).getText()).contains("api").contains("succeeded").contains("0 to create, 3 to update");
        assertThat(rows.get(2).getText()).contains("start").contains("succeeded").contains("5 to create");
        for (WebElement row : rows) {
            assertThat(row.findElements(By.cssSelector("td")).get(6).getText())
                    .matches("\\d+(\\.\\d)? m?s");
        }
        browser.screenshot("history.png");

        rows.get(1).findElement(By.cssSelector("a")).click();
        browser.awaitText("table.operations", "update route nyan");
        assertThat(browser.findAll("table.operations tbody tr.op-applied")).hasSize(3);
        assertThat(browser.find(".change[data-kind='route'] table.diff").getText()).contains("hosts");
    }

    @Test
    @Order(6)
    void namesFromTheFilesAreShownAsTextAndNeverRun() throws IOException {
        String img = "<img src=x onerror=window.__xss=1>";
        String script = "<script>window.__xss=2</script>";
        Files.writeString(routes.resolve("evil.yaml"), """
                _format_version: "3.0"
                consumers:
                  - username: '%s'
                """.formatted(img));
        try {
            browser.open(service.url() + "/#/plan");
            WebElement consumer = browser.awaitText(".change.create[data-kind='consumer']", "create consumer");
            assertThat(consumer.findElement(By.cssSelector(".name")).getText()).isEqualTo(img);
            assertThat(consumer.getAttribute("data-name")).isEqualTo(img);

            Files.writeString(routes.resolve("evil.yaml"), """
                    _format_version: "3.0"
                    services:
                      - name: evil
                        host: evil.local
                        routes:
                          - name: "%s"
                            paths: [/evil]
                    """.formatted(script));
            browser.find("main .intro button").click();
            WebElement error = browser.awaitText("main .error-box", "invalid value");
            assertThat(error.getText()).contains(script);

            browser.find("#sync-now").click();
            browser.awaitText("#progress .result", "Sync failed");
            browser.find("#progress a").click();
            WebElement problems = browser.awaitText("main .problems", "invalid value");
            assertThat(problems.getText()).contains(script);

            assertThat(browser.script("return window.__xss === undefined")).isEqualTo(true);
            assertThat(browser.script("return document.querySelectorAll('main img, main script').length"))
                    .isEqualTo(0L);
        } finally {
            Files.delete(routes.resolve("evil.yaml"));
        }
    }

    @Test
    @Order(7)
    void warningsAreShownBesideTheirEntityOrInTheirOwnList() {
        browser.open(service.url() + "/#/history");
        browser.awaitText("main h1", "History");
        // The plan report may carry warnings (Cloud Map targets without healthy instances); render one directly.
        browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                import('/js/plan.js').then(m => {
                  document.querySelector('main').replaceChildren(m.renderPlan({
                    summary: {create: 0, update: 1, delete: 0},
                    changes: [{action: 'update', kind: 'route', name: 'nyan', scope: {},
                               fields: [{path: 'hosts', old: ['a.example.com'], new: ['nyan.mydomain.com']}]}],
                    conflicts: [],
                    warnings: [
                      {kind: 'route', name: 'nyan', scope: {}, message: 'no healthy <b>instance</b>',
                       file: 'routes/nyan.yaml', line: 6},
                      {kind: 'target', name: 'blue:8080', scope: {upstream: 'payments'}, message: 'not in the plan',
                       file: 'routes/payments.yaml', line: 12}]}));
                  done();
                });
                """);

        WebElement route = browser.find(".change[data-kind='route'][data-name='nyan']");
        assertThat(route.findElement(By.cssSelector(".warning")).getText())
                .isEqualTo("Warning no healthy <b>instance</b> (routes/nyan.yaml:6)");
        assertThat(browser.find(".warning-list").getText())
                .contains("target blue:8080 (upstream payments): not in the plan (routes/payments.yaml:12)");
        assertThat(browser.findAll(".warning")).hasSize(2);
    }

    @Test
    @Order(8)
    void everythingWorksFromTheKeyboard() {
        browser.open(service.url() + "/");
        browser.awaitText(".drift-now", "Kong matches the files.");

        WebElement history = tabTo("a[href='#/history']");
        assertThat(browser.script("return getComputedStyle(document.activeElement).outlineStyle")).isEqualTo("solid");
        history.sendKeys(Keys.ENTER);
        browser.awaitText("main h1", "History");
        assertThat(browser.script("return document.activeElement.tagName")).isEqualTo("H1");

        tabTo("#dry-run").sendKeys(Keys.ENTER);
        browser.awaitText("#progress .result", "Dry run: no changes, Kong matches the files.");
        assertThat(browser.findAll("table.history tbody tr").get(0).getText()).contains("dry run");
    }

    /** Presses Tab from the header's first link until {@code css} has the focus. */
    private static WebElement tabTo(String css) {
        WebElement target = browser.find(css);
        browser.script("document.querySelector('header .brand').focus()");
        for (int i = 0; i < 10; i++) {
            new Actions(browser.driver).sendKeys(Keys.TAB).perform();
            if (browser.driver.switchTo().activeElement().equals(target)) {
                return target;
            }
        }
        throw new AssertionError(css + " never got the focus from the keyboard");
    }

    private static List<String> row(WebElement change, String path) {
        return change.findElements(By.cssSelector("table.diff tbody tr")).stream()
                .filter(tr -> tr.findElement(By.cssSelector("th")).getText().equals(path))
                .findFirst()
                .map(tr -> tr.findElements(By.cssSelector("th, td")).stream()
                        .map(WebElement::getText).toList())
                .orElseThrow(() -> new AssertionError("no row " + path + " in " + change.getText()));
    }

    private static List<String> groups() {
        return browser.findAll(".group > h3").stream().map(WebElement::getText).toList();
    }

    /** Keeps every text the progress bar shows, so a test can see the states it went through. */
    private static void recordProgress() {
        browser.script("""
                window.__progress = [];
                new MutationObserver(() => window.__progress.push(document.getElementById('progress').textContent))
                    .observe(document.getElementById('progress'), {childList: true, subtree: true, characterData: true});
                """);
    }

    @SuppressWarnings("unchecked")
    private static List<String> progressSeen() {
        return (List<String>) browser.script("return window.__progress");
    }

    private static void awaitIdle() {
        try {
            assertThat(service.bean(SyncCoordinator.class).awaitIdle(Duration.ofSeconds(30))).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
