package io.kongsync.api;

import io.kongsync.aws.AwsWireMock;
import io.kongsync.scm.Review;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kongsync.api.ServiceFixture.CONSUMER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pull request whose files hold secrets (a key-auth key, a value substituted from {@code ${{ ssm }}}) is reviewed
 * without either reaching the comment, the status or the history, whether its files are valid or not.
 */
class PullRequestSecretsTest extends PullRequestServiceTest {

    static final String SSM_VALUE = "billing-internal-7f3a9c";
    AwsWireMock aws;

    @BeforeEach
    void aws() {
        aws = new AwsWireMock();
        aws.parameters(Map.of("/kong/billing/host", SSM_VALUE));
        // the service takes the default credentials chain; its system-property step is the one a test can set
        System.setProperty("aws.accessKeyId", AwsWireMock.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", AwsWireMock.SECRET_KEY);
    }

    @AfterEach
    void stopAws() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        aws.close();
    }

    @Test
    void neitherAKeyNorASubstitutedValueIsEverShownOnThePullRequest() throws Exception {
        startService(Map.of("kongsync.aws.region", AwsWireMock.REGION,
                "kongsync.aws.endpoint", aws.endpoint().toString()));
        String valid = pullRequestBranch("billing", "refs/pull/30/head", "routes/billing.yaml", """
                _format_version: "3.0"
                services:
                  - name: billing
                    host: ${{ ssm "/kong/billing/host" }}
                    routes:
                      - name: billing
                        hosts: [billing.mydomain.com]
                consumers:
                  - username: mobile-app
                    keyauth_credentials:
                      - key: %s
                """.formatted(CONSUMER_KEY));
        String invalid = pullRequestBranch("billing-broken", "refs/pull/31/head", "routes/billing.yaml", """
                _format_version: "3.0"
                services:
                  - name: billing
                    host: ${{ ssm "/kong/billing/host" }}
                    routes:
                      - name: billing
                        paths:
                          - ~/${{ ssm "/kong/billing/host" }}(
                consumers:
                  - username: mobile-app
                    keyauth_credentials:
                      - key: %s
                """.formatted(CONSUMER_KEY));

        accepted(github(githubPullRequest("opened", 30, valid, mainHead, "main")));
        Review planned = reviews.awaitPublished(1).review();
        accepted(github(githubPullRequest("opened", 31, invalid, mainHead, "main")));
        Review refused = reviews.awaitPublished(2).review();

        assertThat(planned.verdict()).isEqualTo(Review.Verdict.SUCCESS);
        assertThat(planned.markdown()).contains("(sensitive)").contains("keyauth_credential");
        assertThat(refused.verdict()).isEqualTo(Review.Verdict.FAILURE);
        assertThat(refused.markdown()).contains("routes/billing.yaml:8:");
        List<String> seen = new ArrayList<>();
        for (Review review : List.of(planned, refused)) {
            seen.add(review.markdown());
            seen.add(review.description());
        }
        for (String id : List.of(pullRequestRecords().get(0).get("id"), pullRequestRecords().get(1).get("id"))
                .stream().map(String::valueOf).toList()) {
            seen.add(withReview(id).toString());
        }
        try (Stream<Path> files = Files.walk(root.resolve("data"))) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".jsonl")
                    || f.getParent().getFileName().toString().equals("reports")).toList()) {
                seen.add(Files.readString(file));
            }
        }
        assertThat(String.join("\n", seen)).doesNotContain(CONSUMER_KEY).doesNotContain(SSM_VALUE);
    }
}
