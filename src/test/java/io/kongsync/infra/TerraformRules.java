package io.kongsync.infra;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every structural rule of infra-terraform/, applied to the tree tfcheck read. */
final class TerraformRules {

    private final List<TreeRule> rules;

    TerraformRules(AwsResourceTypes resourceTypes) {
        this.rules = List.of(new FileRules(), new VariableRules(), new ModuleRules(), new TaggingRule(resourceTypes),
                new SecurityGroupRule(), new SecretRule());
    }

    List<Violation> check(HclTree tree) {
        List<Violation> violations = new ArrayList<>();
        for (TreeRule rule : rules) {
            rule.check(tree, violations);
        }
        violations.sort(Comparator.comparing(Violation::file).thenComparingInt(Violation::line)
                .thenComparing(Violation::rule));
        return violations;
    }
}
