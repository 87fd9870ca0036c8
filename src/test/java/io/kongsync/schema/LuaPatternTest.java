package io.kongsync.schema;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Expectations are what Lua 5.1's {@code string.find(subject, pattern) ~= nil} gives. */
class LuaPatternTest {

    private static void finds(String pattern, String... subjects) {
        for (String subject : subjects) {
            assertThat(LuaPattern.compile(pattern).find(subject))
                    .as("string.find(\"%s\", \"%s\")", subject, pattern).isTrue();
        }
    }

    private static void misses(String pattern, String... subjects) {
        for (String subject : subjects) {
            assertThat(LuaPattern.compile(pattern).find(subject))
                    .as("string.find(\"%s\", \"%s\")", subject, pattern).isFalse();
        }
    }

    private static void malformed(String pattern, String message) {
        assertThatThrownBy(() -> LuaPattern.compile(pattern))
                .as(pattern).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void singleCharsAndDot() {
        finds("abc", "abc", "xabcx");
        misses("abc", "ab", "acb", "");
        finds("a.c", "abc", "a.c", "a\tc");
        misses("a.c", "ac", "abbc");
        finds("", "", "x");
        finds(".", "\0");
        misses(".", "");
    }

    @Test
    void classes() {
        finds("^%a+$", "abcXYZ");
        misses("%a", "1_ -", "");
        finds("%c", "a\tb", "\u007f", "\0");
        misses("%c", "abc ~");
        finds("^%d+$", "0123456789");
        misses("%d", "abc");
        finds("^%l+$", "abcz");
        misses("%l", "ABC1");
        finds("^%p+$", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
        misses("%p", "abc 123\t");
        finds("^%s+$", " \t\n\u000b\f\r");
        misses("%s", "a_b");
        finds("^%u+$", "AZ");
        misses("%u", "abc1");
        finds("^%w+$", "aZ09");
        misses("%w", "_-. ");
        finds("^%x+$", "09afAF");
        misses("%x", "gGzZ");
        finds("%z", "a\0b");
        misses("%z", "abc");
    }

    @Test
    void complementedClasses() {
        finds("^%A+$", "1_ ");
        misses("%A", "abc");
        finds("^%D+$", "abc");
        misses("%D", "123");
        finds("^%S+$", "a_b");
        misses("%S", " \t");
        finds("^%W+$", "_- ");
        misses("%W", "aZ0");
        finds("^%Z+$", "ab");
        misses("^%Z+$", "a\0");
        finds("^%C+$", "ab c");
        misses("^%C+$", "a\nb");
        finds("^%L%U%P%X$", "Aa g");
    }

    @Test
    void nonAsciiCharsAreInNoClass() {
        misses("%a", "é");
        misses("%l", "ß");
        misses("%u", "É");
        misses("%w", "日本");
        misses("%p", "«»");
        misses("%s", "\u00a0");
        finds("^%A$", "é");
        finds("^%W%U%Z$", "ÉÉÉ");
        finds("^.$", "é");
        finds("^[^a]$", "é");
        finds("^[%A]$", "é");
        misses("[%a%d]", "é");
        finds("^[à-ÿ]+$", "éü");
        misses("[à-ÿ]", "e");
        finds("^é+$", "éé");
    }

    @Test
    void escapes() {
        finds("^%.%%%(%)%[%]%*%+%-%?%^%$$", ".%()[]*+-?^$");
        misses("%.", "a");
        finds("^%g%q%_$", "gq_");
        misses("%g", "G");
        finds("a%-b", "a-b");
        misses("a%-b", "ab");
    }

    @Test
    void sets() {
        finds("^[abc]+$", "abcba");
        misses("[abc]", "xyz", "");
        finds("^[a-c]+$", "abc");
        misses("[a-c]", "d", "A");
        finds("^[%d%u]+$", "A1");
        misses("^[%d%u]+$", "a1");
        finds("^[%a_]+$", "a_B");
        finds("^[.]$", ".");
        misses("[.]", "a");
        finds("[%%]", "%");
        finds("[%1]", "1");
        misses("[z-a]", "a", "m", "z");
    }

    @Test
    void negatedSets() {
        finds("[^abc]", "abd");
        misses("[^abc]", "abc", "");
        finds("^[^%d]+$", "abc");
        misses("[^%d]", "123");
        finds("^[^a-z]+$", "ABC-1");
        misses("[^a-z]", "abc");
    }

    @Test
    void closingBracketFirstAndDashAtTheEdges() {
        finds("[]]", "a]");
        misses("[]]", "a");
        finds("^[]a]+$", "]a]");
        finds("[^]]", "]a");
        misses("^[^]]", "]");
        finds("^[-a]+$", "-a-");
        finds("^[a-]+$", "a-");
        misses("[a-]", "b");
        // after a class, '-' cannot start a range: "[%a-z]" is a letter, '-' or 'z'
        finds("[%a-z]", "-", "b");
        misses("[%a-z]", "1");
        finds("^[a%-z]+$", "-az");
        misses("[a%-z]", "b");
        finds("^[%]%-]+$", "]-");
        // "[a-%]]" is the empty range a..'%' followed by an escaped ']'
        finds("[a-%]]", "]");
        misses("[a-%]]", "a", "b", "%");
    }

    @Test
    void greedyStar() {
        finds("^a*$", "", "aaa");
        misses("^a*$", "aab");
        finds("^a*ab$", "aaab", "ab");
        misses("^a*ab$", "b");
        finds("^[ab]*b$", "abab");
        finds("^.*%.", "a.b.c");
    }

    @Test
    void plus() {
        finds("^a+$", "a", "aa");
        misses("^a+$", "", "b");
        finds("^a+ab$", "aab");
        misses("^a+ab$", "ab");
    }

    @Test
    void lazyMinus() {
        finds("^a-b$", "aab", "b");
        misses("^a-b$", "aabb", "");
        finds("^<.->$", "<a><b>");
        finds("^(.-)%1$", "abab", "");
        misses("^(.-)%1$", "aba");
        finds("^[%d]-x", "12x");
    }

    @Test
    void optional() {
        finds("^ab?c$", "ac", "abc");
        misses("^ab?c$", "abbc");
        finds("^a?a$", "a", "aa");
        misses("^a?a$", "aaa", "");
        finds("^%d?%d$", "1", "12");
    }

    @Test
    void quantifierCharsWithNothingToQuantifyAreLiteral() {
        finds("^*a$", "*a");
        misses("^*a$", "a");
        finds("^a**$", "aa*", "*");
        misses("^a**$", "aa");
        finds("^+$", "+");
        finds("^-$", "-");
        finds("^?$", "?");
        finds("^a?+$", "a+", "+");
    }

    @Test
    void caretAnchorsOnlyAtTheStart() {
        finds("^ab", "abc");
        misses("^ab", "cab");
        finds("a^b", "a^b");
        misses("a^b", "ab");
        finds("^^a", "^a");
        misses("^^a", "a");
        finds("(^a)", "x^a");
        misses("(^a)", "a");
        misses("^b", "ab");
    }

    @Test
    void dollarAnchorsOnlyAtTheEnd() {
        finds("ab$", "cab");
        misses("ab$", "abc");
        finds("a$b", "xa$b");
        misses("a$b", "ab");
        finds("^a$*$", "a$$", "a");
        finds("%$$", "cost$");
        misses("%$$", "cost");
        finds("(a$)", "a$");
        misses("(a$)", "a");
        finds("^$", "");
        misses("^$", "a");
        finds("$", "", "abc");
    }

    @Test
    void balanced() {
        finds("^%b()$", "(a(b)c)", "()");
        misses("^%b()$", "(a(b)c", "(a))", "a()");
        finds("%b()", "x(y)z");
        misses("%b()", "x)y(", "((", "");
        finds("^%b<>x$", "<<>>x");
        finds("^%b''$", "''");
        misses("^%b''$", "'''");
        finds("^%b\"\"$", "\"a\"");
        // a quantifier char after %bxy is a plain char
        finds("%b()*", "(x)*");
        misses("%b()*", "(x)");
    }

    @Test
    void frontier() {
        finds("%f[%a]%a+", "THE (quick) fox");
        finds("%f[%w]cat%f[%W]", "a cat.", "cat");
        misses("%f[%w]cat%f[%W]", "concat", "cats");
        finds("^%f[%a]", "abc");
        misses("^%f[%a]", "1abc", "");
        // the end of the subject reads as '\0'
        finds("a%f[%z]", "a");
        misses("%f[%z]", "");
        finds("%f[^%z]", "x");
        finds("%f[%d]%d+$", "ab12");
    }

    @Test
    void captures() {
        finds("(a)(b)", "ab");
        finds("^(a+)b$", "aab");
        misses("^(a+)b$", "b");
        finds("()a()", "a");
        finds("^(a(b)c)()$", "abc");
        misses("^(a(b)c)()$", "abcd");
    }

    @Test
    void backReferences() {
        finds("^(a)%1$", "aa");
        misses("^(a)%1$", "ab", "a");
        finds("(.)%1", "abccd");
        misses("(.)%1", "abcd");
        finds("^(%a+)=%1$", "ab=ab");
        misses("^(%a+)=%1$", "ab=ac", "ab=abc");
        finds("^((a)b)%2%1$", "abaab");
        finds("^(a*)%1$", "aaaa", "");
        misses("^(a*)%1$", "aaa");
        finds("^(a)(b)%2$", "abb");
        misses("(a)(b)%2", "ab");
        finds("^(['\"])[^'\"]*%1$", "'x'", "\"y\"");
        misses("^(['\"])[^'\"]*%1$", "'x\"");
    }

    @Test
    void aBackReferenceToAPositionCaptureNeverMatches() {
        misses("()a%1", "aa", "a", "");
        misses("^()%1$", "");
    }

    @Test
    void findTriesEveryStartIncludingTheEnd() {
        finds("b+c", "aabbc");
        finds("x*", "");
        finds("a*$", "bbb");
        finds("b-$", "abc");
        finds("%f[%z]$", "abc");
        misses("bc$", "abcb");
    }

    @Test
    void patternsWithoutSpecialCharsArePlainText() {
        finds("a)", "a)");
        misses("a)", "a", "x)");
        finds("]", "a]");
        finds("a]b", "xa]by");
        finds("a\0b", "xa\0b");
        misses("a\0b", "a");
    }

    @Test
    void thePatternEndsAtTheFirstNulAsInLua51() {
        finds("z.\0q", "zx");
        // no special char before the NUL: the whole pattern is plain text
        misses("z\0q.", "zz\0qr");
        finds("z\0q.", "zz\0q.");
    }

    @Test
    void malformedPatterns() {
        // Lua reports these only once a match attempt reaches the fault; compile refuses them up front
        malformed("%", "malformed pattern (ends with '%')");
        malformed("a%", "malformed pattern (ends with '%')");
        malformed("x%", "malformed pattern (ends with '%')");
        malformed("[a", "malformed pattern (missing ']')");
        malformed("[", "malformed pattern (missing ']')");
        malformed("[]", "malformed pattern (missing ']')");
        malformed("[^]", "malformed pattern (missing ']')");
        malformed("[%", "malformed pattern (missing ']')");
        malformed("[a%]", "malformed pattern (missing ']')");
        malformed("[a-%]", "malformed pattern (missing ']')");
        malformed("%f[a", "malformed pattern (missing ']')");
        malformed("(a", "unfinished capture");
        malformed("((a)", "unfinished capture");
        malformed("a).", "invalid pattern capture");
        malformed("(a)).", "invalid pattern capture");
        malformed("%0", "invalid capture index");
        malformed("%1", "invalid capture index");
        malformed("(a%1)", "invalid capture index");
        malformed("(a)%2", "invalid capture index");
        malformed("%b", "unbalanced pattern");
        malformed("%ba", "unbalanced pattern");
        malformed("%f", "missing '[' after '%f' in pattern");
        malformed("%fa", "missing '[' after '%f' in pattern");
        malformed("(x)".repeat(33), "too many captures");
        finds("(x)".repeat(32), "x".repeat(32));
    }

    @Test
    void compileCachesAndKeepsThePattern() {
        LuaPattern pattern = LuaPattern.compile("^%u+$");
        assertThat(pattern.pattern()).isEqualTo("^%u+$");
        assertThat(LuaPattern.compile("^%u+$")).isSameAs(pattern);
    }

    @Test
    void deepBacktrackingOverLongSubjectsDoesNotOverflow() {
        String longSubject = "a".repeat(200_000);
        finds("^a*a$", longSubject);
        misses("^a-b$", longSubject);
        finds("^[^*]*%*?[^*]*$", longSubject);
    }

    // Kong 3.9's schemas, pattern by pattern

    @Test
    void kongHostWildcards() {
        // routes hosts[] and acme domains[]: match_all, then match_any of the three after it
        finds("^[^*]*%*?[^*]*$", "example.com", "*.example.com", "example.*", "", "a*b");
        misses("^[^*]*%*?[^*]*$", "*.example.*", "**", "a*b*c");
        finds("^%*%.", "*.example.com", "*.");
        misses("^%*%.", "example.com", "a*.example.com", "*example.com", "*");
        finds("%.%*$", "example.*", ".*");
        misses("%.%*$", "example.com", "example*", "example.*.com");
        finds("^[^*]*$", "example.com", "");
        misses("^[^*]*$", "*.example.com", "exa*mple.com");
    }

    @Test
    void kongPaths() {
        // routes paths[]: match_any, and services, upstreams and rate-limiting paths: match_none "//"
        finds("^/", "/", "/users");
        misses("^/", "users", "~/users", "");
        finds("^~/", "~/users/\\d+$");
        misses("^~/", "/~/", "~users", "~");
        finds("//", "//", "/a//b", "/a/b//");
        misses("//", "/a/b/", "/", "");
    }

    @Test
    void kongHeaderNames() {
        // routes headers keys and http-log config.headers keys: match_none
        finds("^[Hh][Oo][Ss][Tt]$", "host", "Host", "HOST", "hOsT");
        misses("^[Hh][Oo][Ss][Tt]$", "hosts", "x-host", "ho st", "");
        finds("^[Cc][Oo][Nn][Tt][Ee][Nn][Tt]%-[Tt][Yy][Pp][Ee]$", "Content-Type", "content-type", "CONTENT-TYPE");
        misses("^[Cc][Oo][Nn][Tt][Ee][Nn][Tt]%-[Tt][Yy][Pp][Ee]$", "Content_Type", "ContentType", "Content-Types");
        // Kong's pattern has "[nn]": the n of "length" must be lower case
        String contentLength = "^[Cc][Oo][Nn][Tt][Ee][Nn][Tt]%-[Ll][Ee][nn][Gg][Tt][Hh]$";
        finds(contentLength, "Content-Length", "content-length", "CONTENT-LEnGTH");
        misses(contentLength, "CONTENT-LENGTH", "Content-LENGTH", "Content-Length2", "Content Length");
    }

    @Test
    void kongUpperCaseMethods() {
        // routes methods[] and request-transformer config.http_method
        finds("^%u+$", "GET", "POST", "PURGE");
        misses("^%u+$", "get", "Get", "GET ", "", "GÉT", "M-SEARCH");
    }

    @Test
    void kongExactWords() {
        // upstreams hash_on / hash_fallback conditionals and jwt_secrets algorithm
        finds("^query_arg$", "query_arg");
        misses("^query_arg$", "query_args", "xquery_arg", "query-arg", "");
        finds("^header$", "header");
        misses("^header$", "headers", "Header", "");
        finds("^cookie$", "cookie");
        misses("^cookie$", "cookies");
        finds("^consumer$", "consumer");
        misses("^consumer$", "consumers");
        finds("^ip$", "ip");
        misses("^ip$", "ipv4", "i");
        finds("^none$", "none");
        misses("^none$", "non");
        finds("^path$", "path");
        misses("^path$", "/path");
        finds("^uri_capture$", "uri_capture");
        misses("^uri_capture$", "uri_captures");
        for (String algorithm : new String[] {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "EdDSA"}) {
            finds("^" + algorithm + "$", algorithm);
            misses("^" + algorithm + "$", algorithm.toLowerCase(), algorithm + " ", "HS256");
        }
    }

    @Test
    void kongColonSeparatedPairs() {
        // request- and response-transformer add/rename/replace headers[] and rename json[]
        finds("^[^:]+:.*$", "x-a:1", "x-a:", "a:b:c", "a: b");
        misses("^[^:]+:.*$", ":b", "ab", "", ":");
    }

    @Test
    void kongDatadogTags() {
        // datadog config.metrics[].tags[]
        finds("^.*[^:]$", "env:prod", "a", "a:b:c");
        misses("^.*[^:]$", "env:", "", ":");
    }

    @Test
    void kongStatusCodeRanges() {
        // statsd config.allow_status_codes[]
        finds("^[0-9]+-[0-9]+$", "200-299", "1-2");
        misses("^[0-9]+-[0-9]+$", "200", "200-", "-299", "200-299-300", "2xx-3xx", "200 - 299");
    }

    @Test
    void kongFileLogPath() {
        // file-log config.path: no '*', '&', '%', '\' or '`'
        finds("^[^*&%%\\`]+$", "/var/log/kong.log", "C:/logs/a.log");
        misses("^[^*&%%\\`]+$", "", "/tmp/*.log", "/tmp/a&b", "/tmp/100%", "C:\\logs", "/tmp/`id`");
    }

    @Test
    void kongEnvVaultPrefix() {
        // env vault config.prefix
        finds("^[%a_-][%a%d_-]*$", "KONG_", "_x", "-a-1", "a");
        misses("^[%a_-][%a%d_-]*$", "1abc", "", "a.b", "a b", "ab$");
    }

    @Test
    void kongVaultPrefix() {
        // vaults prefix: a lower-case letter, then lazily [a-z0-9-], then at least one [a-z0-9] to the end
        finds("^[a-z][a-z%d-]-[a-z%d]+$", "ab", "my-vault", "a1", "a--b", "a-1");
        misses("^[a-z][a-z%d-]-[a-z%d]+$", "a", "a-", "1ab", "My-vault", "my_vault", "my-vault-", "");
    }

    @Test
    void kongDataPlaneVersion() {
        // clustering_data_planes version: match_any of the first two, match_none of the third
        finds("^%d+[%.%d]*$", "3", "3.9.1", "3.", "3..9");
        misses("^%d+[%.%d]*$", "3.9.1-rc1", ".3", "v3", "");
        finds("^%d+[%.%d]*%-?.*$", "3.9.1-rc1", "3.9.1", "3abc", "3.9.1.0-enterprise");
        misses("^%d+[%.%d]*%-?.*$", "v3.9", "-3", "", ".1");
        finds("%.%.", "3..9", "..");
        misses("%.%.", "3.9.1", ".");
    }

    @Test
    void kongAcmeAccountEmail() {
        // acme config.account_email: unanchored, so it holds for anything with an '@'
        finds("%w*%p*@+%w*%.?%w*", "admin@example.com", "@", "a@", "not an email @ all");
        misses("%w*%p*@+%w*%.?%w*", "admin.example.com", "", "admin");
    }
}
