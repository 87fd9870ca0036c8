package io.kongsync.infra;

import java.util.List;

/** {@link Rule#VARIABLE_TYPE} and {@link Rule#VARIABLE_DESCRIPTION}. */
final class VariableRules implements TreeRule {

    @Override
    public void check(HclTree tree, List<Violation> violations) {
        for (HclTree.HclFile file : tree.terraformFiles()) {
            file.blocks("variable").forEach(variable -> {
                String name = variable.label(0);
                if (variable.attribute("type").isEmpty()) {
                    violations.add(new Violation(Rule.VARIABLE_TYPE, tree.relative(file), variable.line(),
                            "variable \"" + name + "\" has no type"));
                }
                boolean described = variable.attribute("description")
                        .map(description -> description.literalString().map(text -> !text.isBlank()).orElse(true))
                        .orElse(false);
                if (!described) {
                    violations.add(new Violation(Rule.VARIABLE_DESCRIPTION, tree.relative(file), variable.line(),
                            "variable \"" + name + "\" has no description"));
                }
            });
        }
    }
}
