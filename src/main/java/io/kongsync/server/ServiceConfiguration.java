package io.kongsync.server;

import io.kongsync.aws.AwsSettings;
import io.kongsync.aws.SsmTemplateFunction;
import io.kongsync.aws.UpstreamCheck;
import io.kongsync.file.ReadOptions;
import io.kongsync.git.DirectoryRouteSource;
import io.kongsync.git.GitRouteSource;
import io.kongsync.git.GitSettings;
import io.kongsync.git.RouteSource;
import io.kongsync.kong.KongClient;
import io.kongsync.kong.KongSettings;
import io.kongsync.model.State;
import io.kongsync.service.CloudMapGateway;
import io.kongsync.service.DriftMonitor;
import io.kongsync.service.Gateway;
import io.kongsync.service.HistoryStore;
import io.kongsync.service.SingleNodeGateway;
import io.kongsync.service.SyncCoordinator;
import io.kongsync.service.SyncListener;
import io.kongsync.service.SyncRecord;
import io.kongsync.service.SyncRunner;
import io.kongsync.service.PullRequestReviewer;
import io.kongsync.service.ReviewedPlans;
import io.kongsync.scm.PullRequestReviews;
import io.kongsync.scm.ScmReviews;
import io.kongsync.scm.ScmSettings;
import io.kongsync.store.PostgresStore;
import io.kongsync.store.Store;
import io.kongsync.store.StoreSettings;
import io.kongsync.state.StateLoader;
import io.kongsync.validate.Diagnostic;
import io.kongsync.sync.SyncOptions;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

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

    @Bean
    SyncOptions syncOptions(KongsyncProperties properties) {
        KongsyncProperties.Sync sync = properties.sync();
        return SyncOptions.defaults()
                .withOwnershipTag(sync.ownershipTag())
                .withParallelism(properties.kong().parallelism())
                .withMassDelete(sync.massDeleteThresholdPercent() / 100.0, sync.allowMassDelete());
    }

    /** Token, CA, timeouts and pool size for Kong's Admin API, at {@code adminUrl}. */
    private static KongSettings kongSettings(KongsyncProperties.Kong kong, URI adminUrl) {
        return KongSettings.of(adminUrl)
                .withAdminToken(kong.adminToken())
                .withCaCertificate(kong.caCert())
                .withReadTimeout(kong.timeout())
                .withMaxConnections(Math.max(kong.parallelism(), 8));
    }

    @Bean
    AwsSettings awsSettings(KongsyncProperties properties) {
        return new AwsSettings(blankToNull(properties.aws().region()), properties.aws().endpoint());
    }

    /** Built on first use: a service that never meets an {@code ssm} reference or Cloud Map never needs AWS. */
    @Bean(destroyMethod = "close")
    LazyServiceDiscovery serviceDiscovery(AwsSettings aws) {
        return new LazyServiceDiscovery(aws);
    }

    @Bean(destroyMethod = "close")
    Gateway gateway(KongsyncProperties properties, KongTarget target, SyncOptions options, SyncMetrics metrics,
                    LazyServiceDiscovery cloudMap) {
        KongsyncProperties.Kong kong = properties.kong();
        if (kong.discovered()) {
            KongsyncProperties.Discovery discovery = kong.discovery();
            return new CloudMapGateway(cloudMap.discovery(), discovery.namespace(), discovery.service(),
                    discovery.scheme(), CloudMapGateway.connector(kongSettings(kong, URI.create("http://discovered")),
                    metrics), options);
        }
        return new SingleNodeGateway(KongClient.create(kongSettings(kong, target.adminUrl()), metrics), options);
    }

    @Bean(destroyMethod = "close")
    SsmTemplateFunction ssmTemplateFunction(AwsSettings aws) {
        return SsmTemplateFunction.lazy(aws);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
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

    /** Fingerprints of reviewed plans, compared with the syncs that apply them. */
    @Bean
    ReviewedPlans reviewedPlans(HistoryStore history, RouteSource source, Store store) {
        return new ReviewedPlans(history, source, store.fingerprints());
    }

    /** Files are read with the {@code ssm} template function; hosts in the Cloud Map namespace are checked. */
    @Bean
    SyncRunner syncRunner(RouteSource source, Gateway gateway, KongsyncProperties properties, Clock clock,
                          SsmTemplateFunction ssm, LazyServiceDiscovery cloudMap, ReviewedPlans reviewedPlans) {
        StateLoader.Options options = new StateLoader.Options(Set.of(), properties.sync().ownershipTag(),
                properties.sync().allowEmpty());
        ReadOptions read = ReadOptions.defaults().withTemplateFunctions(List.of(ssm));
        String namespace = blankToNull(properties.kong().discovery().namespace());
        Function<State, List<Diagnostic>> upstreamCheck = namespace == null ? files -> List.of()
                : files -> UpstreamCheck.of(cloudMap.discovery()).warnings(files, namespace);
        String routesShownAs = properties.git().uri() == null || properties.git().uri().isBlank() ? ""
                : properties.git().path();
        return new SyncRunner(source, routes -> StateLoader.loadDesired(List.of(routes), options,
                read.withSourceName(routes, routesShownAs)), gateway, clock, upstreamCheck, properties.sync().strict(),
                reviewedPlans);
    }

    /** The git providers' APIs pull-request reviews go to; a test may register its own before the context starts. */
    @Bean
    @ConditionalOnMissingBean(PullRequestReviews.class)
    PullRequestReviews pullRequestReviews(KongsyncProperties properties) {
        return scmReviews(properties.scm());
    }

    /** The settings as the providers' clients take them; an installation id that is not a number is refused. */
    static PullRequestReviews scmReviews(KongsyncProperties.Scm scm) {
        KongsyncProperties.GitHub github = scm.github();
        Long installation;
        try {
            installation = github.appInstallationId() == null || github.appInstallationId().isBlank() ? null
                    : Long.valueOf(github.appInstallationId().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("kongsync.scm.github.app-installation-id must be a number, the "
                    + "GitHub App installation's id");
        }
        ScmSettings settings = ScmSettings.defaults()
                .withGitHub(new ScmSettings.GitHub(github.token(), github.apiUrl(), github.appId(),
                        github.appPrivateKey(), installation))
                .withGitLab(new ScmSettings.GitLab(scm.gitlab().token(), scm.gitlab().apiUrl()))
                .withBitbucket(new ScmSettings.Bitbucket(scm.bitbucket().token(), scm.bitbucket().username(),
                        scm.bitbucket().apiUrl()))
                .withTimeouts(ScmSettings.DEFAULT_CONNECT_TIMEOUT, scm.timeout())
                .withRetry(new ScmSettings.Retry(scm.retry().attempts(), scm.retry().backoff(),
                        scm.retry().maxWait()));
        return ScmReviews.from(settings);
    }

    @Bean
    PullRequestReviewer pullRequestReviewer(PullRequestReviews reviews, HistoryStore history,
                                            KongsyncProperties properties) {
        return new PullRequestReviewer(reviews, history, properties.publicUrl());
    }

    /** PostgreSQL when {@code kongsync.store.url} is set (unreachable: the service does not start), else files. */
    @Bean(destroyMethod = "close")
    Store store(KongsyncProperties properties, Clock clock) {
        KongsyncProperties.History history = properties.history();
        KongsyncProperties.Store shared = properties.store();
        if (shared.configured()) {
            PostgresStore store = PostgresStore.open(new StoreSettings(shared.url().trim(),
                    blankToNull(shared.username()), shared.password(), shared.timeout()), history.maxRecords(),
                    clock.instant());
            store.replicas(shared.replica(), clock);
            return store;
        }
        return Store.local(properties.dataDir(), history.maxRecords(), history.maxFileSize().toBytes(),
                clock.instant());
    }

    @Bean
    HistoryStore historyStore(Store store) {
        return store.history();
    }

    @Bean
    SyncCoordinator syncCoordinator(SyncRunner runner, HistoryStore history, SyncMetrics metrics,
                                    ObjectProvider<DriftMonitor> drift, Clock clock, KongsyncProperties properties,
                                    PullRequestReviewer reviewer, Store store) {
        SyncListener listener = new SyncListener() {
            @Override
            public void finished(SyncRecord sync) {
                metrics.finished(sync);
                drift.ifAvailable(monitor -> monitor.syncFinished(sync));
                reviewer.finished(sync);
            }
        };
        KongsyncProperties.Sync sync = properties.sync();
        return new SyncCoordinator(runner, history, listener, clock, new SyncCoordinator.DryRunLimits(
                sync.maxConcurrentDryRuns(), sync.maxWaitingDryRuns(), java.time.Duration.ofSeconds(10)),
                store.syncQueue().orElse(null));
    }

    @Bean
    DriftMonitor driftMonitor(SyncCoordinator coordinator, SyncMetrics metrics, KongsyncProperties properties,
                              Clock clock) {
        return new DriftMonitor(coordinator, metrics, properties.drift().autoCorrect(), clock);
    }
}
