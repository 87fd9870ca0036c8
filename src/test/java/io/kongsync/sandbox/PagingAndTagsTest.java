package io.kongsync.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Paging (kong-admin-api.md 2.3) over more than 1000 entities, and tag filters (2.4). */
class PagingAndTagsTest {

    static final int CONSUMERS = 1234;
    static Sandbox sandbox;
    static AdminClient kong;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        kong = new AdminClient(sandbox.url());
        for (int i = 0; i < CONSUMERS; i++) {
            List<String> tags = new ArrayList<>();
            tags.add(i % 2 == 0 ? "even" : "odd");
            if (i % 3 == 0) {
                tags.add("three");
            }
            kong.post("/consumers", Map.of("username", "user-" + i, "tags", tags));
        }
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void followsNextAcrossAllPagesInIdOrder() {
        List<String> ids = new ArrayList<>();
        String next = "/consumers?size=1000";
        int pages = 0;
        while (next != null) {
            Map<String, Object> page = kong.get(next).json();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> data = (List<Map<String, Object>>) page.get("data");
            data.forEach(c -> ids.add((String) c.get("id")));
            next = (String) page.get("next");
            if (next != null) {
                assertThat(page.get("offset")).isNotNull();
                assertThat(next).startsWith("/consumers?offset=").endsWith("&size=1000");
            } else {
                assertThat(page).doesNotContainKey("offset");
            }
            pages++;
        }
        assertThat(pages).isEqualTo(2);
        assertThat(ids).hasSize(CONSUMERS).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void defaultPageIsOneHundred() {
        var first = kong.get("/consumers").json();
        assertThat((List<?>) first.get("data")).hasSize(100);
        assertThat((String) first.get("next")).doesNotContain("size=");
    }

    @Test
    void sizeAndOffsetErrors() {
        assertThat(kong.get("/consumers?size=abc").json()).isEqualTo(
                Map.of("code", 9, "name", "invalid size", "message", "size must be a number"));
        assertThat(kong.get("/consumers?size=1001").json()).containsEntry("message",
                "size must be an integer between 1 and 1000");
        assertThat(kong.get("/consumers?offset=%25%25").json()).containsEntry("code", 7)
                .containsEntry("message", "'%%' is not a valid offset: bad base64 encoding");
    }

    @Test
    void tagsAndOr() {
        Set<String> both = usernames("/consumers?tags=even,three&size=1000");
        for (String u : both) {
            int i = Integer.parseInt(u.substring(5));
            assertThat(i % 6).isZero();
        }
        assertThat(both).hasSize((CONSUMERS + 5) / 6);
        Set<String> either = usernames("/consumers?tags=odd/three&size=1000");
        long expected = java.util.stream.IntStream.range(0, CONSUMERS).filter(i -> i % 2 == 1 || i % 3 == 0).count();
        assertThat(either).hasSize((int) expected);
    }

    @Test
    void tagFilterKeepsTagsInNext() {
        var page = kong.get("/consumers?tags=even&size=10").json();
        assertThat((String) page.get("next")).contains("&tags=even").contains("&size=10");
    }

    @Test
    void tagErrors() {
        assertThat(kong.get("/consumers?tags=a,b/c").json()).isEqualTo(Map.of("code", 11, "name", "invalid options",
                "message", "invalid option (tags: invalid filter syntax)", "options", Map.of("tags", "invalid filter syntax")));
        assertThat(kong.get("/consumers?tags=a,b,c,d,e,f").json()).containsEntry("message",
                "invalid option (tags: cannot query more than 5 tags)");
        assertThat(kong.get("/consumers?tags=").json()).containsEntry("message", "invalid option (tags: cannot be null)");
        assertThat(kong.get("/consumers/user-1/plugins?tags=a,b/c").status()).isEqualTo(400);
    }

    private static Set<String> usernames(String first) {
        Set<String> out = new HashSet<>();
        String next = first;
        while (next != null) {
            Map<String, Object> page = kong.get(next).json();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> data = (List<Map<String, Object>>) page.get("data");
            data.forEach(c -> out.add((String) c.get("username")));
            next = (String) page.get("next");
        }
        return out;
    }
}
