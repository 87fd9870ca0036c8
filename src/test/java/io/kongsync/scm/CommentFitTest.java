package io.kongsync.scm;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class CommentFitTest {

    private static final URI REPORT = URI.create("https://kongsync.example.com/api/v1/syncs/42/report");

    @Test
    void aCommentWithinTheLimitIsLeftAlone() {
        String markdown = PlanMarkdown.report(3, 4);

        CommentFit.Fitted fitted = CommentFit.fit(markdown, markdown.length(), REPORT);

        assertThat(fitted.markdown()).isEqualTo(markdown);
        assertThat(fitted.cut()).isFalse();
        assertThat(fitted.changesLeftOut()).isZero();
    }

    @Test
    void wholeChangesAreCutFromTheEndKeepingHeadTailAndALinkToTheFullReport() {
        String markdown = PlanMarkdown.report(40, 20);
        int limit = markdown.length() / 3;

        CommentFit.Fitted fitted = CommentFit.fit(markdown, limit, REPORT);

        String body = fitted.markdown();
        assertThat(body.length()).isLessThanOrEqualTo(limit);
        assertThat(body).startsWith(PlanMarkdown.head(40)).endsWith(PlanMarkdown.tail());
        int kept = count(body, "<details>");
        assertThat(kept).isPositive().isEqualTo(count(body, "</details>"));
        assertThat(fitted.changesLeftOut()).isEqualTo(40 - kept);
        for (int i = 0; i < kept; i++) {
            assertThat(body).contains(PlanMarkdown.block(i, 20));
        }
        assertThat(body).doesNotContain("route-" + kept + "<")
                .contains("_" + (40 - kept) + " of 40 changes are left out to fit the comment limit: see the "
                        + "[full report](" + REPORT + ")._\n");
        assertThat(body.indexOf("left out")).isGreaterThan(body.lastIndexOf("</details>"))
                .isLessThan(body.indexOf("### ⚠️ Conflicts"));
    }

    @Test
    void withoutAFullReportTheNoteSaysHowToSeeTheRest() {
        String markdown = PlanMarkdown.report(10, 10);

        CommentFit.Fitted fitted = CommentFit.fit(markdown, markdown.length() - 10, null);

        assertThat(fitted.changesLeftOut()).isEqualTo(1);
        assertThat(fitted.markdown()).contains("_1 of 10 changes are left out to fit the comment limit; run "
                + "`kongsync diff` to see them._").doesNotContain("full report");
    }

    @Test
    void detailsTagsInsideACodeFenceDoNotEndTheBlock() {
        String tricky = "\n<details><summary>✏️ plugin <code>pre-function</code></summary>\n\n````diff\n"
                + "</details>\n\n<details><summary>fake</summary>\n```\n- access[0]: \"x\"\n+ access[0]: \"y\"\n````\n"
                + "\n</details>\n";
        String markdown = PlanMarkdown.head(3) + tricky + PlanMarkdown.block(1, 200) + PlanMarkdown.block(2, 200)
                + PlanMarkdown.tail();

        CommentFit.Fitted fitted = CommentFit.fit(markdown, PlanMarkdown.head(3).length() + tricky.length() + 400,
                REPORT);

        assertThat(fitted.changesLeftOut()).isEqualTo(2);
        assertThat(fitted.markdown()).contains(tricky).doesNotContain("route-1");
    }

    @Test
    void whenTheTailAloneIsTooLongWholeLinesGoTheTableStaysAndTheListIsClosed() {
        StringBuilder warnings = new StringBuilder("\n### Warnings\n\n<ul>\n");
        for (int i = 0; i < 5_000; i++) {
            warnings.append("<li>upstream <code>u").append(i).append("</code> has no healthy target</li>\n");
        }
        String markdown = PlanMarkdown.head(2) + PlanMarkdown.block(0, 3) + PlanMarkdown.block(1, 3)
                + warnings.append("</ul>\n");
        int limit = 4_000;

        CommentFit.Fitted fitted = CommentFit.fit(markdown, limit, REPORT);

        String body = fitted.markdown();
        assertThat(body.length()).isLessThanOrEqualTo(limit);
        assertThat(body).startsWith(PlanMarkdown.head(2)).doesNotContain("<details>")
                .contains("2 of 2 changes are left out", "<li>upstream <code>u0</code>")
                .contains("lines of this report are left out to fit the comment limit: see the [full report]");
        assertThat(count(body, "<ul>")).isEqualTo(count(body, "</ul>"));
        assertThat(body.indexOf("</ul>")).isLessThan(body.indexOf("lines of this report are left out"));
    }

    @Test
    void everyLimitIsKeptAndNoFenceIsLeftOpen() {
        String markdown = PlanMarkdown.report(25, 7);
        for (int limit = 0; limit <= markdown.length() + 1; limit += 37) {
            String body = CommentFit.fit(markdown, limit, REPORT).markdown();

            assertThat(body.length()).as("limit %d", limit).isLessThanOrEqualTo(limit);
            if (body.contains("</details>")) {
                assertThat(count(body, "```diff")).as("limit %d", limit).isEqualTo(count(body, "```\n"));
                assertThat(count(body, "<details>")).isEqualTo(count(body, "</details>"));
            }
            if (limit >= PlanMarkdown.head(25).length() + 200) {
                assertThat(body).as("limit %d", limit).startsWith(PlanMarkdown.head(25));
            }
        }
    }

    @Test
    void aLimitBelowTheTableCutsInsideWithoutSplittingACharacter() {
        String markdown = "## kongsync plan 😀😀😀😀😀😀😀😀😀😀😀😀😀\n\n" + PlanMarkdown.SUMMARY + "| 1 | 0 | 0 |\n"
                + PlanMarkdown.block(0, 50);

        for (int limit = 1; limit < 40; limit++) {
            String body = CommentFit.fit(markdown, limit, null).markdown();

            assertThat(body.length()).isLessThanOrEqualTo(limit);
            assertThat(body.isEmpty() || !Character.isHighSurrogate(body.charAt(body.length() - 1))).isTrue();
        }
    }

    @Test
    void parenthesesInTheReportAddressCannotEndTheLink() {
        String markdown = PlanMarkdown.report(5, 50);

        String body = CommentFit.fit(markdown, markdown.length() / 2,
                URI.create("https://kongsync.example.com/report/(42)")).markdown();

        assertThat(body).contains("[full report](https://kongsync.example.com/report/%2842%29)");
    }

    private static int count(String text, String what) {
        Matcher matcher = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
