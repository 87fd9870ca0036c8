package io.kongsync.scm;

/** Markdown in the shape kongsync's report renders for a pull request: head, summary table, change blocks, tail. */
final class PlanMarkdown {

    static final String SUMMARY = "| Create | Update | Delete |\n|-------:|-------:|-------:|\n";

    private PlanMarkdown() {
    }

    static String head(int changes) {
        return "## kongsync plan\n\nPlan of commit `4f2a9c1` against Kong 3.9 (database mode).\n\n"
                + SUMMARY + "| " + changes + " | 0 | 0 |\n";
    }

    static String block(int index, int diffLines) {
        StringBuilder out = new StringBuilder("\n<details><summary>➕ route <code>route-" + index
                + "</code> (service <code>orders</code>)</summary>\n\n```diff\n");
        for (int line = 0; line < diffLines; line++) {
            out.append("+ paths[").append(line).append("]: \"/orders/").append(index).append('/').append(line)
                    .append("\"\n");
        }
        return out.append("```\n\n</details>\n").toString();
    }

    static String tail() {
        return "\n### ⚠️ Conflicts\n\n<ul>\n<li>service <code>billing</code> exists in Kong without the "
                + "managed-by:kongsync tag</li>\n</ul>\n";
    }

    static String report(int changes, int diffLines) {
        StringBuilder out = new StringBuilder(head(changes));
        for (int i = 0; i < changes; i++) {
            out.append(block(i, diffLines));
        }
        return out.append(tail()).toString();
    }
}
