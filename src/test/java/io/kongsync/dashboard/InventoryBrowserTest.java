package io.kongsync.dashboard;

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
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's Inventory view in headless Chromium: the repository's shipped {@code routes/} synced into the
 * service's sandbox, plus a service and route made there by hand. The tests run in order on one service and browser.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InventoryBrowserTest {

    static final String TOKEN = "inventory-token-8e1f4a";
    static final Path SHIPPED = Path.of("routes");
    /** The first API call is made without the token, as a visitor's would be. */
    static final Pattern EXPECTED_CONSOLE = Pattern.compile(
            "/api/v1/\\S+ - Failed to load resource: the server responded with a status of 401 \\(Unauthorized\\)");
    static final int ENTITIES = 28;

    @TempDir
    static Path root;
    static RunningService service;
    static AdminClient kong;
    static Browser browser;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        Browser.assumeInstalled();
        Path routes = Files.createDirectories(root.resolve("routes"));
        try (Stream<Path> shipped = Files.list(SHIPPED)) {
            for (Path file : shipped.toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        service = RunningService.start(Map.of(
                "kongsync.git.path", routes.toString(),
                "kongsync.data-dir", root.resolve("data").toString(),
                "kongsync.api.token", TOKEN,
                "kongsync.drift.interval", "5m"));
        assertThat(service.bean(SyncCoordinator.class).awaitIdle(Duration.ofSeconds(60))).isTrue();
        kong = new AdminClient(service.bean(KongTarget.class).adminUrl());
        assertThat(kong.post("/services", Map.of("name", "legacy", "host", "legacy.internal")).status()).isEqualTo(201);
        assertThat(kong.post("/services/legacy/routes", Map.of("name", "legacy-route", "paths", List.of("/legacy")))
                .status()).isEqualTo(201);
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
    @Order(1)
    void theInventoryShowsEveryShippedEntityWithItsFileAndLineAndTheHandMadeServiceAsOnlyInKong() {
        browser.open(service.url() + "/");
        browser.await("the token form", () -> browser.find("#token-dialog").isDisplayed());
        browser.find("#token-input").sendKeys(TOKEN, Keys.ENTER);
        browser.awaitText("main h1", "Overview");
        browser.find("header nav a[href='#/inventory']").click();

        browser.awaitText("main h1", "Inventory");
        assertThat(browser.find("header nav a[aria-current='page']").getText()).isEqualTo("Inventory");
        assertThat(browser.find(".inventory-summary").getText())
                .isEqualTo("28 entities: 26 in sync, 0 differs, 2 only in Kong, 0 only in the files");
        List<WebElement> rows = browser.findAll("tr.entity");
        assertThat(rows).hasSize(ENTITIES);
        for (WebElement row : rows) {
            String what = row.getAttribute("data-kind") + " " + row.getAttribute("data-name");
            boolean managed = row.findElements(By.cssSelector(".badge.unmanaged")).isEmpty();
            if (managed) {
                assertThat(row.findElement(By.cssSelector(".source")).getText()).as(what)
                        .matches("(global|nyan|orders-api|payments)\\.yaml:\\d+");
            }
        }

        WebElement read = route("orders-read");
        assertThat(cells(read)).containsExactly("route orders-read", "in sync",
                "hosts api.mydomain.com paths /orders methods GET HEAD protocols http https", "orders-api.yaml:12", "—");
        assertThat(cells(row("plugin", "request-size-limiting"))).element(3).isEqualTo("orders-api.yaml:36");
        assertThat(cells(row("target", "payments-blue.ecs.local:8080"))).element(3).isEqualTo("payments.yaml:23");

        WebElement legacy = row("service", "legacy");
        assertThat(cells(legacy)).containsExactly("service legacy not managed", "only in Kong",
                "http://legacy.internal:80", "not in the files", "—");
        assertThat(cells(row("route", "legacy-route")).get(1)).isEqualTo("only in Kong");
        assertThat(groups()).containsExactly("Services", "Consumers", "Upstreams", "Global plugins");
        browser.screenshot("inventory.png");
    }

    @Test
    @Order(2)
    void theSearchFindsEntitiesByNameHostPathAndFileAndKeepsThemInTheAddress() {
        browser.open(service.url() + "/#/inventory");
        browser.awaitText("main h1", "Inventory");
        WebElement search = browser.find("#inventory-search");

        search.sendKeys("/orders");
        assertThat(visible()).containsExactly("service orders-api", "route orders-read", "route orders-write",
                "plugin acl", "plugin request-size-limiting");
        assertThat(row("service", "orders-api").getAttribute("class")).as("shown for its routes").contains("context");
        assertThat(browser.find("#inventory-count").getText()).as("the routes and their plugins")
                .isEqualTo("4 of 28 entities match");

        search.clear();
        search.sendKeys("payments");
        assertThat(visible()).contains("service payments", "route payments", "route payments-webhooks",
                "plugin ip-restriction", "upstream payments.upstream", "target payments-blue.ecs.local:8080")
                .doesNotContain("service nyan", "service orders-api");
        assertThat(groups()).containsExactly("Services", "Upstreams");

        search.clear();
        search.sendKeys("global.yaml");
        assertThat(visible()).containsExactly("plugin correlation-id", "plugin prometheus");
        assertThat(browser.driver.getCurrentUrl()).endsWith("#/inventory?q=global.yaml");

        browser.driver.navigate().refresh();
        browser.awaitText("#inventory-count", "2 of 28 entities match");
        assertThat(browser.find("#inventory-search").getAttribute("value")).isEqualTo("global.yaml");

        browser.find("#inventory-search").clear();
        browser.find("#inventory-search").sendKeys(" ", Keys.BACK_SPACE);
        new Select(browser.find("#inventory-status")).selectByVisibleText("only in Kong");
        assertThat(visible()).containsExactly("service legacy", "route legacy-route");
        assertThat(browser.driver.getCurrentUrl()).endsWith("#/inventory?status=only_in_kong");

        new Select(browser.find("#inventory-status")).selectByVisibleText("every status");
        browser.find("#inventory-search").sendKeys("nothing-is-called-this");
        assertThat(browser.find(".nothing").isDisplayed()).isTrue();
        assertThat(visible()).isEmpty();
    }

    @Test
    @Order(3)
    void aRouteChangedInKongDiffersAndLinksToItsChangeInThePlan() {
        kong.patch("/routes/nyan", Map.of("hosts", List.of("changed.example.com")));
        try {
            browser.open(service.url() + "/#/inventory?q=nyan");
            WebElement nyan = browser.awaitText("tr.entity[data-kind='route'][data-name='nyan']", "differs");
            assertThat(cells(nyan)).containsExactly("route nyan", "differs",
                    "hosts changed.example.com protocols http https", "nyan.yaml:11", "update");

            nyan.findElement(By.cssSelector("a.plan-link")).click();

            browser.awaitText("main h1", "Plan");
            WebElement change = browser.await("the route's change", () -> (WebElement) browser.script(
                    "return document.getElementById('change:route:nyan')"));
            assertThat(change.getAttribute("class")).contains("targeted").contains("update");
            assertThat(change.getText()).contains("update route nyan").contains("changed.example.com");
            assertThat(browser.script("return document.activeElement.id")).isEqualTo("change:route:nyan");
            assertThat(browser.find("header nav a[aria-current='page']").getText()).isEqualTo("Plan");
        } finally {
            kong.patch("/routes/nyan", Map.of("hosts", List.of("nyan.mydomain.com")));
        }
    }

    @Test
    @Order(4)
    void thePlanShowsWhereEachChangeIsDefinedAndRouteChangesUnderTheirService() {
        browser.open(service.url() + "/#/plan");
        browser.awaitText("main h1", "Plan");
        // The JSON plan report gives each change its source and a route's service; render such a report directly.
        browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                import('/js/plan.js').then(m => {
                  document.querySelector('main').replaceChildren(m.renderPlan({
                    summary: {create: 1, update: 1, delete: 1},
                    changes: [
                      {action: 'delete', kind: 'plugin', name: 'acl', scope: {route: 'orders-write'}, fields: [],
                       source: null},
                      {action: 'create', kind: 'service', name: 'billing', scope: {},
                       fields: [{path: 'host', old: null, new: 'billing.internal'}]},
                      {action: 'update', kind: 'route', name: 'orders-write', scope: {}, service: 'orders-api',
                       source: {file: 'routes/orders-api.yaml', line: 20, column: 9, path: 'services[0].routes[1]'},
                       fields: [{path: 'paths', old: ['/o'], new: ['/orders']}]}],
                    conflicts: [],
                    warnings: []}));
                  done();
                });
                """);

        assertThat(groups()).containsExactly("service billing", "service orders-api");
        WebElement orders = browser.findAll(".group").get(1);
        assertThat(orders.findElements(By.cssSelector(".change")).stream().map(c -> c.getAttribute("id")).toList())
                .containsExactly("change:plugin:acl[route=orders-write]", "change:route:orders-write");
        assertThat(browser.find(".change[data-kind='route'] .change-source").getText())
                .isEqualTo("routes/orders-api.yaml:20");
        assertThat(browser.findAll(".change-source")).as("only where the report says").hasSize(1);
    }

    private static WebElement route(String name) {
        return row("route", name);
    }

    private static WebElement row(String kind, String name) {
        return browser.findAll("tr.entity[data-kind='" + kind + "']").stream()
                .filter(r -> name.equals(r.getAttribute("data-name")))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + kind + " " + name));
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList();
    }

    private static List<String> visible() {
        return browser.findAll("tr.entity").stream().filter(WebElement::isDisplayed)
                .map(r -> r.getAttribute("data-kind") + " " + r.getAttribute("data-name")).toList();
    }

    private static List<String> groups() {
        return browser.findAll("main section h2, main .group > h3").stream().filter(WebElement::isDisplayed)
                .map(WebElement::getText).toList();
    }
}
