package io.kongsync.infra;

import java.util.List;

/** {@link Rule#SYNTAX} and {@link Rule#FORMAT}, as HashiCorp's parser and formatter see each file. */
final class FileRules implements TreeRule {

    @Override
    public void check(HclTree tree, List<Violation> violations) {
        for (HclTree.HclFile file : tree.files()) {
            String path = tree.relative(file);
            for (HclTree.Diagnostic diagnostic : file.diagnostics()) {
                violations.add(new Violation(Rule.SYNTAX, path, diagnostic.line(),
                        diagnostic.summary() + ": " + diagnostic.detail()));
            }
            if (file.diagnostics().isEmpty() && !file.formatted()) {
                violations.add(new Violation(Rule.FORMAT, path, file.firstUnformattedLine(),
                        "not canonically formatted: `terraform fmt` (or hclfmt -w) would change it from this line on"));
            }
        }
    }
}
