package io.kongsync.cli;

import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import io.kongsync.schema.RouterFlavor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code kongsync sandbox}: serves the in-memory Kong Admin API stand-in until interrupted. */
@Command(name = "sandbox",
        mixinStandardHelpOptions = true,
        description = "Run the kongsync sandbox: an in-memory stand-in for the Kong 3.9 Admin API (not a gateway; "
                + "it proxies no traffic). Each request is logged until Ctrl-C.")
public final class SandboxCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8001", description = "Port to listen on (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--db-less", description = "DB-less mode: POST /config replaces everything; entity writes are refused.")
    boolean dbless;

    @Option(names = "--latency-ms", defaultValue = "0", description = "Delay every answer by this many milliseconds.")
    long latencyMs;

    @Option(names = "--router-flavor", paramLabel = "FLAVOR", defaultValue = "traditional_compatible",
            converter = RouterFlavorOption.class,
            description = "The router_flavor to act as (reported in GET /, routes checked with its schema): "
                    + "traditional, traditional_compatible or expressions. Default: ${DEFAULT-VALUE}.")
    RouterFlavor routerFlavor;

    @Option(names = "--quiet", description = "Do not log each request (benchmarks).")
    boolean quiet;

    @Override
    public Integer call() {
        quietNetworkLogs();
        SandboxOptions options = SandboxOptions.defaults().withHost(host).withPort(port).withDbless(dbless)
                .withLatency(Duration.ofMillis(latencyMs)).withRouterFlavor(routerFlavor);
        Sandbox sandbox = Sandbox.start(options, !quiet);
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "kongsync-sandbox-shutdown"));
        spec.commandLine().getOut().println("kongsync sandbox (an in-memory stand-in for the Kong 3.9 Admin API, not a gateway) listening on "
                + sandbox.url() + ", " + (dbless ? "DB-less mode" : "database mode") + ", router_flavor "
                + routerFlavor.kongName());
        spec.commandLine().getOut().flush();
        sandbox.awaitTermination();
        return ExitCodes.OK;
    }

    /** Without a logging configuration Logback prints everything at DEBUG; keep the request lines readable. */
    private static void quietNetworkLogs() {
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root
                && root.getLevel() == ch.qos.logback.classic.Level.DEBUG) {
            root.setLevel(ch.qos.logback.classic.Level.INFO);
        }
    }
}
