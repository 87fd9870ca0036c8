package io.kongsync.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code kongsync serve}: the Spring WebFlux service (REST API, webhooks, drift schedule, history, metrics). */
@SpringBootApplication(scanBasePackages = {"io.kongsync.server", "io.kongsync.api"})
@EnableConfigurationProperties(KongsyncProperties.class)
public class KongsyncApplication {

    public static ConfigurableApplicationContext run(String... args) {
        return application().run(args);
    }

    /** The application as {@link #run} starts it, for tests that register beans of their own first. */
    static SpringApplication application() {
        SpringApplication app = new SpringApplication(KongsyncApplication.class);
        app.addListeners(new ManagementLoopbackUnlessToken());
        return app;
    }
}
