package io.kongsync.scm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The review on one provider: kongsync's one comment, found by its marker and edited in place (created when there
 * is none, or when it went between finding and editing), cut to the provider's limit; then the commit status. The
 * comment failing does not keep the status from being set, nor the other way round; each failure is a problem line.
 */
final class ProviderReviews implements PullRequestReviews {

    static final String PENDING_DESCRIPTION = "kongsync is planning this commit";
    private static final Logger LOG = LoggerFactory.getLogger(ProviderReviews.class);

    private final ProviderApi api;

    ProviderReviews(ProviderApi api) {
        this.api = api;
    }

    @Override
    public Delivery pending(PullRequest pullRequest) {
        try {
            api.setStatus(pullRequest, ProviderApi.CommitState.PENDING, PENDING_DESCRIPTION, null);
            return Delivery.OK;
        } catch (ScmCallFailed failed) {
            return failed(pullRequest, failed);
        }
    }

    @Override
    public Delivery publish(PullRequest pullRequest, Review review) {
        List<String> problems = new ArrayList<>();
        try {
            comment(pullRequest, review);
        } catch (ScmCallFailed failed) {
            problems.addAll(failed(pullRequest, failed).problems());
        }
        ProviderApi.CommitState state = review.verdict() == Review.Verdict.SUCCESS
                ? ProviderApi.CommitState.SUCCESS : ProviderApi.CommitState.FAILURE;
        try {
            api.setStatus(pullRequest, state, review.description(), review.fullReport());
        } catch (ScmCallFailed failed) {
            problems.addAll(failed(pullRequest, failed).problems());
        }
        return problems.isEmpty() ? Delivery.OK : new Delivery(problems.stream().distinct().toList());
    }

    private void comment(PullRequest pullRequest, Review review) throws ScmCallFailed {
        String marker = api.marker() + "\n";
        CommentFit.Fitted fitted = CommentFit.fit(review.markdown(), api.commentLimit() - marker.length(),
                review.fullReport());
        if (fitted.cut()) {
            LOG.info("{}: the plan comment was cut to {}'s limit, {} changes left out", pullRequest.describe(),
                    api.name(), fitted.changesLeftOut());
        }
        String body = marker + fitted.markdown();
        Optional<ProviderApi.OwnComment> existing = api.findComment(pullRequest);
        if (existing.isEmpty()) {
            api.createComment(pullRequest, body);
            return;
        }
        try {
            api.editComment(pullRequest, existing.get(), body);
        } catch (ScmCallFailed failed) {
            if (failed.status() != 404) {
                throw failed;
            }
            api.createComment(pullRequest, body);
        }
    }

    private static Delivery failed(PullRequest pullRequest, ScmCallFailed failed) {
        LOG.warn("{}: {}", pullRequest.describe(), failed.getMessage());
        return new Delivery(List.of(failed.getMessage()));
    }
}
