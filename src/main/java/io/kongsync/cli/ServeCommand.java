package io.kongsync.cli;

import io.kongsync.server.KongsyncApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code kongsync serve}: runs the service until it is stopped. Any {@code --name=value} is a Spring setting; anything
 * else is refused before the service starts ({@link UnknownArguments}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run kongsync as a service: git push webhooks, the REST API under /api/v1, scheduled drift "
                + "checks and the sync history. The default command.",
                "Settings are kongsync.* properties: environment variables (KONGSYNC_GIT_URI, KONGSYNC_API_TOKEN, ...) "
                        + "or --kongsync.git.uri=... arguments. Without kongsync.kong.admin-url it starts the "
                        + "kongsync sandbox in-process and syncs into it."})
final class ServeCommand implements Callable<Integer> {

    @Unmatched
    List<String> springArguments = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        ConfigurableApplicationContext context = KongsyncApplication.run(springArguments.toArray(String[]::new));
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        if (!context.isActive()) {
            return ExitCodes.OK;
        }
        closed.await();
        return ExitCodes.OK;
    }
}
