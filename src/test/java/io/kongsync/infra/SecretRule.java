package io.kongsync.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@link Rule#SECRET_LITERAL}: no secret is written in a .tf, .tfvars or example file; secrets live in SSM and reach
 * the tasks through their task definitions' {@code secrets}. A value counts as a written secret when it is a non-empty
 * string literal (no variable, no function: {@code uuid()} and {@code "${var.x}"} are not) given to
 * <ul>
 *   <li>an argument, object key or variable whose name says secret: one of its words (split at _ and -) is
 *       password (or ends in it), passwd, secret, token, credential(s), apikey or privatekey, or it holds private_key,
 *       access_key, api_key or secret_key (names ending in _arn, _id, _name, _path, _parameter, _version and their
 *       plurals point at a secret and are fine; so is http_tokens, whose word is "tokens"), as an argument, as a
 *       variable's default, or inside an object;</li>
 *   <li>{@code value} in an object whose {@code name} says secret (an ECS environment entry such as
 *       {@code { name = "KONG_PG_PASSWORD", value = "..." }});</li>
 * </ul>
 * and whatever the names, no line may hold an AWS access key id, a private key or a GitHub, GitLab or Slack token.
 */
final class SecretRule implements TreeRule {

    private static final Pattern SECRET_WORD = Pattern.compile(
            "[a-z]*password|passwd|secret|token|credentials?|apikey|privatekey");
    private static final Pattern SECRET_KEY_PAIR = Pattern.compile("(^|_)(private|access|api|secret)_key(_|$)");
    private static final Pattern REFERENCE_NAME = Pattern.compile(
            ".*_(arn|id|name|path|parameter|version)s?$");
    private static final Map<String, Pattern> SECRET_TEXT = new LinkedHashMap<>();

    static {
        SECRET_TEXT.put("an AWS access key id", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"));
        SECRET_TEXT.put("a private key", Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"));
        SECRET_TEXT.put("a GitHub token", Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36}\\b"));
        SECRET_TEXT.put("a GitLab token", Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20}\\b"));
        SECRET_TEXT.put("a Slack token", Pattern.compile("\\bxox[abpr]-[A-Za-z0-9-]{10,}"));
    }

    static boolean secretName(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replace('-', '_');
        if (REFERENCE_NAME.matcher(lower).matches()) {
            return false;
        }
        return SECRET_KEY_PAIR.matcher(lower).find()
                || Arrays.stream(lower.split("_")).anyMatch(word -> SECRET_WORD.matcher(word).matches());
    }

    @Override
    public void check(HclTree tree, List<Violation> violations) {
        for (HclTree.HclFile file : tree.files()) {
            List<Violation> found = new ArrayList<>();
            String path = tree.relative(file);
            file.allAttributes().forEach(attribute -> attributeSecrets(path, attribute, found));
            variableDefaults(path, file, found);
            textSecrets(path, file, found);
            found.stream().filter(violation -> violations.stream().noneMatch(other ->
                    other.rule() == Rule.SECRET_LITERAL && other.location().equals(violation.location())))
                    .distinct().forEach(violations::add);
        }
    }

    private static void attributeSecrets(String path, HclTree.Attribute attribute, List<Violation> found) {
        if (secretName(attribute.name()) && nonEmptyString(attribute).isPresent()) {
            found.add(new Violation(Rule.SECRET_LITERAL, path, attribute.line(),
                    "\"" + attribute.name() + "\" is given a literal value: keep secrets in SSM"));
        }
        for (List<HclTree.ObjectItem> object : attribute.objects()) {
            Optional<String> entryName = Optional.empty();
            for (HclTree.ObjectItem item : object) {
                if (item.key().equals("name") && item.literal() != null && item.literal().isString()) {
                    entryName = Optional.of(item.literal().asString());
                }
            }
            for (HclTree.ObjectItem item : object) {
                boolean secretKey = secretName(item.key());
                boolean secretEntry = item.key().equals("value") && entryName.filter(SecretRule::secretName).isPresent();
                if ((secretKey || secretEntry) && nonEmptyString(item).isPresent()) {
                    String what = secretKey ? "\"" + item.key() + "\"" : "the value of " + entryName.get();
                    found.add(new Violation(Rule.SECRET_LITERAL, path, item.line(),
                            what + " is given a literal value: keep secrets in SSM"));
                }
            }
        }
    }

    private static void variableDefaults(String path, HclTree.HclFile file, List<Violation> found) {
        file.blocks("variable").filter(variable -> secretName(variable.label(0))).forEach(variable ->
                variable.attribute("default").filter(value -> nonEmptyString(value).isPresent()).ifPresent(value ->
                        found.add(new Violation(Rule.SECRET_LITERAL, path, value.line(), "variable \""
                                + variable.label(0) + "\" has a literal default: keep secrets in SSM"))));
    }

    private static void textSecrets(String path, HclTree.HclFile file, List<Violation> found) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int index = 0; index < lines.size(); index++) {
            for (Map.Entry<String, Pattern> secret : SECRET_TEXT.entrySet()) {
                if (secret.getValue().matcher(lines.get(index)).find()) {
                    found.add(new Violation(Rule.SECRET_LITERAL, path, index + 1, "holds " + secret.getKey()));
                }
            }
        }
    }

    private static Optional<String> nonEmptyString(HclTree.Attribute attribute) {
        return attribute.literalString().filter(value -> !value.isEmpty());
    }

    private static Optional<String> nonEmptyString(HclTree.ObjectItem item) {
        return Optional.ofNullable(item.literal()).filter(value -> value.isString()).map(value -> value.asString())
                .filter(value -> !value.isEmpty());
    }
}
