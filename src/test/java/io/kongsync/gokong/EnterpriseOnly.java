package io.kongsync.gokong;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checked-in list of go-kong tests allowed to fail, one name a line followed by {@code # reason}:
 * {@code enterprise-only.txt} (they need Kong Enterprise; tests that skip themselves need no entry) and
 * {@code not-kong-3.9.txt} (go-kong 0.15 expects an answer that Kong 3.9.1 itself does not give, which the contract
 * suite states against real Kong).
 */
record EnterpriseOnly(Map<String, String> reasons, List<String> problems) {

    static final String RESOURCE = "/gokong/enterprise-only.txt";
    static final String NOT_KONG_39 = "/gokong/not-kong-3.9.txt";

    static EnterpriseOnly load() {
        return load(RESOURCE);
    }

    static EnterpriseOnly load(String resource) {
        try (InputStream in = EnterpriseOnly.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the test class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Blank lines and lines starting with # are comments; an entry without a reason is a problem. */
    static EnterpriseOnly parse(String text) {
        Map<String, String> reasons = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        int number = 0;
        for (String line : text.lines().toList()) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int hash = trimmed.indexOf('#');
            String name = (hash < 0 ? trimmed : trimmed.substring(0, hash)).strip();
            String reason = hash < 0 ? "" : trimmed.substring(hash + 1).strip();
            if (!name.matches("Test\\w*")) {
                problems.add("line " + number + ": not a Go test name: " + name);
            } else if (reason.isEmpty()) {
                problems.add("line " + number + ": " + name + " has no '# reason'");
            } else if (reasons.putIfAbsent(name, reason) != null) {
                problems.add("line " + number + ": " + name + " is listed twice");
            }
        }
        return new EnterpriseOnly(Map.copyOf(reasons), List.copyOf(problems));
    }

    boolean allows(String test) {
        return reasons.containsKey(test);
    }
}
