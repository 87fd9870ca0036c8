package io.kongsync.server;

import io.kongsync.git.DirectoryRouteSource;
import io.kongsync.git.GitRouteSource;
import io.kongsync.git.GitSettings;
import io.kongsync.git.RouteSource;
import io.kongsync.kong.KongClient;
import io.kongsync.kong.KongSettings;
import io.kongsync.service.DriftMonitor;
import io.kongsync.service.Gateway;
import io.kongsync.service.HistoryStore;
import io.kongsync.service.SingleNodeGateway;
import io.kongsync.service.SyncCoordinator;
import io.kongsync.service.SyncListener;
import io.kongsync.service.SyncRecord;
import io.kongsync.service.SyncRunner;
import io.kongsync.state.StateLoader;
import io.kongsync.sync.SyncOptions;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** Wires the Spring-free core (source, gateway, runner, coordinator, history, drift) from the settings. */
@Configuration(proxyBeanMethods = false)
class ServiceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    KongTarget kongTarget(KongsyncProperties properties) {
        return KongTarget.of(properties.kong());
    }

    @Bean
    SyncMetrics syncMetrics(MeterRegistry registry) {
        return new SyncMetrics(registry);
    }

    @Bean(destroyMethod = "close")
    KongClient kongClient(KongsyncProperties properties, KongTarget target, SyncMetrics metrics) {
        KongsyncProperties.Kong kong = properties.kong();
        KongSettings settings = KongSettings.of(target.adminUrl())
                .withAdminToken(kong.adminToken())
                .withCaCertificate(kong.caCert())
                .withReadTimeout(kong.timeout())
                .withMaxConnections(Math.max(kong.parallelism(), 8));
        return KongClient.create(settings, metrics);
    }

    @Bean
    SyncOptions syncOptions(KongsyncProperties properties) {
        KongsyncProperties.Sync sync = properties.sync();
        return SyncOptions.defaults()
                .withOwnershipTag(sync.ownershipTag())
                .withParallelism(properties.kong().parallelism())
                .withMassDelete(sync.massDeleteThresholdPercent() / 100.0, sync.allowMassDelete());
    }

    @Bean
    Gateway gateway(KongClient kong, SyncOptions options) {
        return new SingleNodeGateway(kong, options);
    }

    /** The git repository when {@code kongsync.git.uri} is set, else the local routes directory. */
    @Bean
    RouteSource routeSource(KongsyncProperties properties) {
        KongsyncProperties.Git git = properties.git();
        if (git.uri() == null || git.uri().isBlank()) {
            return new DirectoryRouteSource(Path.of(git.path()));
        }
        return new GitRouteSource(GitSettings.of(git.uri(), properties.dataDir().resolve("git"))
                .withBranch(git.branch())
                .withPath(git.path())
                .withCredentials(git.username(), git.password())
                .withSsh(git.sshPrivateKey(), git.sshKnownHosts())
                .withTimeout(git.timeout()));
    }

    @Bean
    SyncRunner syncRunner(RouteSource source, Gateway gateway, KongsyncProperties properties, Clock clock) {
        StateLoader.Options options = new StateLoader.Options(Set.of(), properties.sync().ownershipTag());
        return new SyncRunner(source, routes -> StateLoader.loadDesired(List.of(routes), options), gateway, clock);
    }

    @Bean
    HistoryStore historyStore(KongsyncProperties properties, Clock clock) {
        KongsyncProperties.History history = properties.history();
        return HistoryStore.open(properties.dataDir(), history.maxRecords(), history.maxFileSize().toBytes(),
                clock.instant());
    }

    @Bean
    SyncCoordinator syncCoordinator(SyncRunner runner, HistoryStore history, SyncMetrics metrics,
                                    ObjectProvider<DriftMonitor> drift, Clock clock) {
        SyncListener listener = new SyncListener() {
            @Override
            public void finished(SyncRecord sync) {
                metrics.finished(sync);
                drift.ifAvailable(monitor -> monitor.syncFinished(sync));
            }
        };
        return new SyncCoordinator(runner, history, listener, clock);
    }

    @Bean
    DriftMonitor driftMonitor(SyncCoordinator coordinator, SyncMetrics metrics, KongsyncProperties properties,
                              Clock clock) {
        return new DriftMonitor(coordinator, metrics, properties.drift().autoCorrect(), clock);
    }
}
