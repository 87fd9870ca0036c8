package io.kongsync.infra;

import java.util.List;
import java.util.Optional;

/**
 * {@link Rule#UNTAGGED_RESOURCE}: a resource whose type takes tags (per {@link AwsResourceTypes}) has a {@code tags}
 * argument that is not a literal empty map; the modules write {@code tags = merge(var.tags, { Name = ... })}, on top of
 * the provider's default_tags. An AWS type missing from the list is reported too, so that someone classifies it.
 */
final class TaggingRule implements TreeRule {

    private final AwsResourceTypes resourceTypes;

    TaggingRule(AwsResourceTypes resourceTypes) {
        this.resourceTypes = resourceTypes;
    }

    @Override
    public void check(HclTree tree, List<Violation> violations) {
        for (HclTree.HclFile file : tree.terraformFiles()) {
            file.blocks("resource").forEach(resource -> {
                String type = resource.label(0);
                String address = type + "." + resource.label(1);
                Optional<Boolean> takesTags = resourceTypes.takesTags(type);
                if (takesTags.isEmpty()) {
                    if (type.startsWith("aws_")) {
                        violations.add(new Violation(Rule.UNTAGGED_RESOURCE, tree.relative(file), resource.line(),
                                address + ": type " + type + " is not in " + AwsResourceTypes.RESOURCE + "; classify it"));
                    }
                    return;
                }
                if (!takesTags.get()) {
                    return;
                }
                Optional<HclTree.Attribute> tags = resource.attribute("tags");
                if (tags.isEmpty()) {
                    violations.add(new Violation(Rule.UNTAGGED_RESOURCE, tree.relative(file), resource.line(),
                            address + " takes tags but has no tags argument"));
                } else if (tags.get().literalValue().map(value -> value.isObject() && value.isEmpty()).orElse(false)) {
                    violations.add(new Violation(Rule.UNTAGGED_RESOURCE, tree.relative(file), tags.get().line(),
                            address + " has empty tags"));
                }
            });
        }
    }
}
