package io.kongsync.scm;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The entry point: {@link #from(ScmSettings)} gives the {@link PullRequestReviews} that reports on any pull request,
 * each to the API its {@link PullRequest#api()} names. A provider without credentials (or Bitbucket Data Center
 * without its address) answers every call with one problem line and makes no HTTP call.
 */
public final class ScmReviews implements PullRequestReviews {

    private final Map<ScmApi, PullRequestReviews> byApi;

    private ScmReviews(Map<ScmApi, PullRequestReviews> byApi) {
        this.byApi = byApi;
    }

    /**
     * @throws IllegalArgumentException when the GitHub App's private key is set but cannot be read
     */
    public static PullRequestReviews from(ScmSettings settings) {
        return from(settings, new ScmHttp(settings));
    }

    static ScmReviews from(ScmSettings settings, ScmHttp http) {
        Map<ScmApi, PullRequestReviews> byApi = new EnumMap<>(ScmApi.class);
        ScmSettings.GitHub github = settings.github();
        if (github.token() != null || github.hasApp()) {
            GitHubAppTokens app = github.token() == null ? new GitHubAppTokens(http, github) : null;
            byApi.put(ScmApi.GITHUB, new ProviderReviews(new GitHubApi(http, github, app)));
        } else {
            byApi.put(ScmApi.GITHUB, new Unreachable("no token for GitHub: set kongsync.scm.github.token"));
        }
        byApi.put(ScmApi.GITLAB, settings.gitlab().token() != null
                ? new ProviderReviews(new GitLabApi(http, settings.gitlab()))
                : new Unreachable("no token for GitLab: set kongsync.scm.gitlab.token"));
        ScmSettings.Bitbucket bitbucket = settings.bitbucket();
        byApi.put(ScmApi.BITBUCKET_CLOUD, bitbucket.token() != null
                ? new ProviderReviews(new BitbucketCloudApi(http, bitbucket))
                : new Unreachable("no token for Bitbucket: set kongsync.scm.bitbucket.token"));
        if (bitbucket.token() == null) {
            byApi.put(ScmApi.BITBUCKET_DATA_CENTER,
                    new Unreachable("no token for Bitbucket Data Center: set kongsync.scm.bitbucket.token"));
        } else if (bitbucket.cloudAddress()) {
            byApi.put(ScmApi.BITBUCKET_DATA_CENTER, new Unreachable("no address for Bitbucket Data Center: set "
                    + "kongsync.scm.bitbucket.api-url to the server's base address"));
        } else {
            byApi.put(ScmApi.BITBUCKET_DATA_CENTER, new ProviderReviews(new BitbucketDataCenterApi(http, bitbucket)));
        }
        return new ScmReviews(byApi);
    }

    @Override
    public Delivery pending(PullRequest pullRequest) {
        return byApi.get(pullRequest.api()).pending(pullRequest);
    }

    @Override
    public Delivery publish(PullRequest pullRequest, Review review) {
        return byApi.get(pullRequest.api()).publish(pullRequest, review);
    }

    /** A provider kongsync cannot talk to: the same problem for every call, and no call made. */
    private record Unreachable(String problem) implements PullRequestReviews {

        @Override
        public Delivery pending(PullRequest pullRequest) {
            return new Delivery(List.of(problem));
        }

        @Override
        public Delivery publish(PullRequest pullRequest, Review review) {
            return new Delivery(List.of(problem));
        }
    }
}
