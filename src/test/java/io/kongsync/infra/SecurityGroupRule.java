package io.kongsync.infra;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@link Rule#OPEN_ADMIN_OR_DATABASE_PORT}: no ingress rule admits 0.0.0.0/0 or ::/0 on Kong's admin ports (8001
 * HTTP, 8444 HTTPS) or Postgres (5432). Ingress rules are the inline {@code ingress} blocks (and {@code dynamic
 * "ingress"}) of aws_security_group, aws_security_group_rule of type ingress, and aws_vpc_security_group_ingress_rule.
 *
 * <p>The check is static, so it is conservative: a rule that admits CIDRs it cannot read (a variable, {@code
 * each.value}) may be the whole internet, and must then give literal ports that stay clear of the forbidden ones
 * (and a protocol other than all). A rule whose source is a security group or a prefix list is not concerned.
 */
final class SecurityGroupRule implements TreeRule {

    static final Set<Integer> FORBIDDEN_PORTS = Set.of(8001, 8444, 5432);
    private static final Set<String> WORLD = Set.of("0.0.0.0/0", "::/0");
    private static final List<String> CIDR_ARGUMENTS = List.of("cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4",
            "cidr_ipv6");
    private static final Set<String> ALL_PROTOCOLS = Set.of("-1", "all");
    private static final Set<String> TCP = Set.of("tcp", "6");

    /** The arguments of one ingress rule, wherever it was written. */
    private record Ingress(String address, int line, List<HclTree.Attribute> arguments, String protocolArgument) {

        Optional<HclTree.Attribute> argument(String name) {
            return arguments.stream().filter(argument -> argument.name().equals(name)).findFirst();
        }
    }

    @Override
    public void check(HclTree tree, List<Violation> violations) {
        for (HclTree.HclFile file : tree.terraformFiles()) {
            file.blocks("resource").flatMap(SecurityGroupRule::ingressRules).forEach(ingress ->
                    problem(ingress).ifPresent(problem -> violations.add(new Violation(
                            Rule.OPEN_ADMIN_OR_DATABASE_PORT, tree.relative(file), ingress.line(),
                            ingress.address() + ": " + problem))));
        }
    }

    private static Stream<Ingress> ingressRules(HclTree.Block resource) {
        String address = resource.label(0) + "." + resource.label(1);
        return switch (resource.label(0)) {
            case "aws_security_group" -> {
                List<Ingress> rules = new ArrayList<>();
                resource.blocks("ingress").forEach(block ->
                        rules.add(new Ingress(address, block.line(), block.attributes(), "protocol")));
                resource.blocks("dynamic").filter(block -> block.label(0).equals("ingress"))
                        .flatMap(block -> block.blocks("content"))
                        .forEach(content ->
                                rules.add(new Ingress(address, content.line(), content.attributes(), "protocol")));
                yield rules.stream();
            }
            case "aws_security_group_rule" -> {
                boolean egress = resource.attribute("type").flatMap(HclTree.Attribute::literalString)
                        .filter("egress"::equals).isPresent();
                yield egress ? Stream.empty()
                        : Stream.of(new Ingress(address, resource.line(), resource.attributes(), "protocol"));
            }
            case "aws_vpc_security_group_ingress_rule" ->
                    Stream.of(new Ingress(address, resource.line(), resource.attributes(), "ip_protocol"));
            default -> Stream.empty();
        };
    }

    private static Optional<String> problem(Ingress ingress) {
        List<HclTree.Attribute> cidrs = CIDR_ARGUMENTS.stream().flatMap(name -> ingress.argument(name).stream())
                .toList();
        if (cidrs.isEmpty()) {
            return Optional.empty();
        }
        boolean world = cidrs.stream().anyMatch(cidr -> strings(cidr).stream().anyMatch(WORLD::contains));
        boolean unreadable = cidrs.stream().anyMatch(cidr -> cidr.literalValue().isEmpty());
        if (!world && !unreadable) {
            return Optional.empty();
        }
        String who = world ? "admits 0.0.0.0/0 or ::/0" : "admits CIDRs that may be 0.0.0.0/0";
        Optional<String> protocol = ingress.argument(ingress.protocolArgument()).map(SecurityGroupRule::text);
        if (protocol.isPresent() && ALL_PROTOCOLS.contains(protocol.get())) {
            return Optional.of(who + " on every port");
        }
        if (protocol.isPresent() && !TCP.contains(protocol.get()) && literal(ingress, ingress.protocolArgument())) {
            return Optional.empty();
        }
        OptionalInt from = port(ingress, "from_port");
        OptionalInt to = port(ingress, "to_port");
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.of(who + " on ports it does not give as literal numbers");
        }
        for (int forbidden : FORBIDDEN_PORTS.stream().sorted().toList()) {
            if (from.getAsInt() <= forbidden && forbidden <= to.getAsInt()) {
                return Optional.of(who + " on port " + forbidden
                        + " (Kong's admin API is for kongsync only; Postgres is for Kong only)");
            }
        }
        return Optional.empty();
    }

    private static boolean literal(Ingress ingress, String name) {
        return ingress.argument(name).flatMap(HclTree.Attribute::literalValue).isPresent();
    }

    private static String text(HclTree.Attribute attribute) {
        return attribute.literalValue().map(value -> value.isString() ? value.asString() : value.toString())
                .orElse(attribute.expr()).toLowerCase(Locale.ROOT);
    }

    private static OptionalInt port(Ingress ingress, String name) {
        Optional<JsonNode> value = ingress.argument(name).flatMap(HclTree.Attribute::literalValue);
        if (value.isPresent() && value.get().isNumber()) {
            return OptionalInt.of(value.get().asInt());
        }
        if (value.isPresent() && value.get().isString() && value.get().asString().matches("\\d+")) {
            return OptionalInt.of(Integer.parseInt(value.get().asString()));
        }
        return OptionalInt.empty();
    }

    private static List<String> strings(HclTree.Attribute attribute) {
        Optional<JsonNode> value = attribute.literalValue();
        if (value.isEmpty()) {
            return List.of();
        }
        if (value.get().isString()) {
            return List.of(value.get().asString());
        }
        List<String> strings = new ArrayList<>();
        value.get().forEach(element -> {
            if (element.isString()) {
                strings.add(element.asString());
            }
        });
        return strings;
    }
}
