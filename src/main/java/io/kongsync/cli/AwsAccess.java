package io.kongsync.cli;

import io.kongsync.aws.AwsClients;
import io.kongsync.aws.CloudMapDiscovery;
import io.kongsync.aws.SsmTemplateFunction;
import io.kongsync.aws.UpstreamCheck;
import io.kongsync.file.ReadOptions;
import io.kongsync.kong.KongNode;
import io.kongsync.model.State;
import io.kongsync.state.StateLoader;
import io.kongsync.validate.Diagnostic;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

import java.util.ArrayList;
import java.util.List;

/**
 * One command's AWS clients, each made only when needed: the SSM client when a file uses {@code ssm}, the Cloud Map
 * client when discovery or upstream checks are asked for. Files without {@code ssm} never need AWS.
 */
final class AwsAccess implements AutoCloseable {

    private final AwsOptions options;
    private final SsmTemplateFunction ssm;
    private ServiceDiscoveryClient cloudMap;

    AwsAccess(AwsOptions options) {
        this.options = options;
        WireLog.silence();
        this.ssm = SsmTemplateFunction.lazy(options.settings());
    }

    /** Reading files with {@code ${{ ssm "..." }}} resolved. */
    ReadOptions readOptions() {
        return ReadOptions.defaults().withTemplateFunctions(List.of(ssm));
    }

    /** The files' own warnings, then Cloud Map's for their upstreams (none when no namespace is given). */
    List<Diagnostic> warnings(StateLoader.Loaded desired) {
        List<Diagnostic> warnings = new ArrayList<>(desired.warnings());
        warnings.addAll(upstreamWarnings(desired.state()));
        return warnings;
    }

    private List<Diagnostic> upstreamWarnings(State desired) {
        if (!options.checksUpstreams()) {
            return List.of();
        }
        return UpstreamCheck.of(discovery()).warnings(desired, options.namespace);
    }

    /** Kong's admin nodes, asked from Cloud Map now. */
    List<KongNode> kongNodes() {
        return discovery().kongNodes(options.namespace, options.service, options.scheme);
    }

    private CloudMapDiscovery discovery() {
        if (cloudMap == null) {
            cloudMap = AwsClients.serviceDiscovery(options.settings());
        }
        return new CloudMapDiscovery(cloudMap);
    }

    @Override
    public void close() {
        ssm.close();
        if (cloudMap != null) {
            cloudMap.close();
        }
    }
}
