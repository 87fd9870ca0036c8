package io.kongsync.schema;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TypedefsTest {

    @Test
    void hosts() {
        assertThat(Typedefs.HOST.test("example.com")).isNull();
        assertThat(Typedefs.HOST.test("2001:db8::1")).isNull();
        assertThat(Typedefs.HOST.test("[2001:db8::1]:80")).isEqualTo("must not have a port");
        assertThat(Typedefs.HOST.test("exa mple")).isEqualTo("invalid value: exa mple");
        assertThat(Typedefs.HOST_WITH_OPTIONAL_PORT.test("example.com:8443")).isNull();
        assertThat(Typedefs.HOST_WITH_OPTIONAL_PORT.test("example.com:99999")).isEqualTo("invalid value: example.com:99999");
        assertThat(Typedefs.HOSTS_ELEMENT.test("*.example.com:8080")).isNull();
        assertThat(Typedefs.HOSTS_ELEMENT.test("example.*")).isNull();
        assertThat(Typedefs.HOSTS_ELEMENT.test("*.example.*")).isEqualTo("invalid wildcard: must have at most one wildcard");
    }

    @Test
    void snis() {
        assertThat(Typedefs.SNI.test("api.example.com")).isNull();
        assertThat(Typedefs.SNI.test("10.0.0.1")).isEqualTo("must not be an IP");
        assertThat(Typedefs.SNI.test("api.example.com:443")).isEqualTo("must not have a port");
        assertThat(Typedefs.WILDCARD_SNI.test("*.example.com")).isNull();
        assertThat(Typedefs.SNI.test("*.example.com")).isEqualTo("invalid value: *.example.com");
    }

    @Test
    void aWildcardSniNeedsItsStarAtAnEndNotAWholeLabelAsKongsValidateWildcardHost() {
        assertThat(Typedefs.WILDCARD_SNI.test("*example.com")).isNull();
        assertThat(Typedefs.WILDCARD_SNI.test("example.co*")).isNull();
        assertThat(Typedefs.WILDCARD_SNI.test("api.*.example.com"))
                .isEqualTo("wildcard must be leftmost or rightmost character");
        assertThat(Typedefs.WILDCARD_SNI.test("*.example.*")).isEqualTo("only one wildcard must be specified");
        assertThat(Typedefs.WILDCARD_SNI.test("*.example.com:443")).isEqualTo("must not have a port");
    }

    @Test
    void addressesAndNames() {
        assertThat(Typedefs.IP_OR_CIDR.test("::ffff:10.0.0.1")).isNull();
        assertThat(Typedefs.IP_OR_CIDR.test("fe80::/10")).isNull();
        assertThat(Typedefs.IP_OR_CIDR.test("256.0.0.1")).isEqualTo("invalid ip or cidr range: '256.0.0.1'");
        assertThat(Typedefs.URL.test("https://user:pw@logs.example/ingest")).isNull();
        assertThat(Typedefs.URL.test("//logs.example/ingest")).isEqualTo("missing scheme in url");
        assertThat(Typedefs.HTTP_METHOD.test("get")).isEqualTo("invalid value: get");
        assertThat(Typedefs.TAG.test("team payments")).isNull();
        assertThat(Typedefs.TAG.test("équipe")).isNull();
        assertThat(Typedefs.TAG.test("a/b")).startsWith("invalid tag 'a/b'");
        assertThat(Typedefs.REGEX.test("[a-")).isEqualTo("not a valid regex: [a-");
        assertThat(Typedefs.PATH.test("/a b")).isEqualTo(
                "invalid path: '/a b' (characters outside of the reserved list of RFC 3986 found)");
        assertThat(Typedefs.ROUTE_PATH.test("/a/./b/")).isEqualTo("non-normalized path, consider use '/a/b/' instead");
    }

    @Test
    void aRoutePathIsCheckedAsKongsRouterPathsAreNotForRfc3986Characters() {
        // Kong's validate_path_with_regexes ignores the RFC 3986 complaint; only bad %-escapes and normal form count
        assertThat(Typedefs.ROUTE_PATH.test("/users/\\d+")).isNull();
        assertThat(Typedefs.ROUTE_PATH.test("/a b")).isNull();
        assertThat(Typedefs.ROUTE_PATH.test("/café")).isNull();
        assertThat(Typedefs.ROUTE_PATH.test("/a%2")).isEqualTo("invalid url-encoded value: '%2'");
        assertThat(Typedefs.ROUTE_PATH.test("/a%2fb")).isEqualTo("non-normalized path, consider use '/a%2Fb' instead");
        assertThat(Typedefs.ROUTE_PATH.test("/a%2Fb")).isNull();
    }

    @Test
    void regexesAreJudgedAsPcreJudgesThemNotAsJavaDoes() {
        // PCRE group names may hold '_' and start with it; PCRE also takes Python's (?P<name>) and Perl's (?'name')
        assertThat(Typedefs.ROUTE_PATH.test("~/users/(?<user_id>\\d+)$")).isNull();
        assertThat(Typedefs.ROUTE_PATH.test("~/users/(?<_id>\\d+)/(?P<name>[a-z]+)/(?P=name)$")).isNull();
        assertThat(Typedefs.ROUTE_PATH.test("~/(?'part'[a-z]+)/\\k'part'/\\k<part>/\\k{part}")).isNull();
        assertThat(Typedefs.REGEX.test("^(?<user_id>[0-9]+)$")).isNull();
        // PCRE-only constructs Java's engine refuses: relative and \\g back-references, recursion, \\K, branch reset
        assertThat(Typedefs.REGEX.test("^([a-z])-\\g{-1}-\\g1-\\g{1}$")).isNull();
        assertThat(Typedefs.REGEX.test("^\\((?:[^()]|(?R))*\\)$")).isNull();
        assertThat(Typedefs.REGEX.test("^(?<p>a(?&p)?b)(?1)(?P>p)$")).isNull();
        assertThat(Typedefs.REGEX.test("^/api/\\K(?|v(1)|w(2))$")).isNull();
        assertThat(Typedefs.ROUTE_PATH.test("~/users/(?<user_id>\\d+")).startsWith("invalid regex: '/users/(?<user_id>");
    }

    @Test
    void aRoutePathIsNormalizedAsKongDoesDecodingEveryEscapeButReservedCharacters() {
        assertThat(Typedefs.ROUTE_PATH.test("/a%20b")).isEqualTo("non-normalized path, consider use '/a b' instead");
        assertThat(Typedefs.ROUTE_PATH.test("/caf%C3%A9")).isEqualTo("non-normalized path, consider use '/café' instead");
        assertThat(Typedefs.ROUTE_PATH.test("/a%3Bb")).isNull();
        assertThat(Typedefs.ROUTE_PATH.test("/%7Euser")).isEqualTo("non-normalized path, consider use '/~user' instead");
    }

    @Test
    void aRoutePathIsCheckedForPercentEscapesOnlyWhereKongChecksThem() {
        // Kong's path check fails first for any character outside RFC 3986 (every '~' is one), and then never
        // looks at %-escapes
        assertThat(Typedefs.ROUTE_PATH.test("~/files/(?<name>[^%]+)$")).isNull();
        assertThat(Typedefs.ROUTE_PATH.test("~/a%2")).isNull();
        assertThat(Typedefs.ROUTE_PATH.test("/café/50%")).isNull();
        assertThat(Typedefs.ROUTE_PATH.test("/a b/%zz")).isNull();
        assertThat(Typedefs.ROUTE_PATH.test("/cafe/50%")).isEqualTo("invalid url-encoded value: '%'");
    }

    @Test
    void pcreSyntaxJavaReadsOtherwiseIsJudgedAsPcre2Does() {
        // a brace that opens no quantifier is a literal; PCRE2 10.43+ reads {,m} and spaces inside braces as quantifiers
        for (String regex : List.of("/users/{id}$", "/x{,3}y", "/x{2}{", "/a{1,2}?{", "/x{ 2 , 3 }", "https://example.com:{port}",
                "/a(?#comment)b", "/\\p{Greek}+", "/\\p{Han}", "/[\\p{L&}]+", "/\\p{^Greek}", "/\\p{sc:Greek}",
                "/a\\N", "/\\o{101}", "(*UCP)^x", "/a(*SKIP)(*FAIL)|b", "/(*pla:a)a", "/[[]", "/[]a]", "/[a&&b]",
                "/[[:alpha:][:^digit:]]", "/\\Q{(\\E", "/\\p{lu}\\p{Old Italic}\\p{old-italic}", "/\\c[{id}", "/\\x{ 41 }\\o{ 101 }\\p{ Greek }(a)\\g{ 1 }")) {
            assertThat(Typedefs.regexError(regex)).as(regex).isNull();
        }
        // and what PCRE2 refuses stays refused
        for (String regex : List.of("/x{3,2}", "/\\p{NoSuchScript}", "/\\o{9}", "/(*UCP)x", "/(?#open", "/[a")) {
            assertThat(Typedefs.regexError(regex)).as(regex).isNotNull();
        }
        assertThat(Typedefs.ROUTE_PATH.test("~/users/{id}$")).isNull();
        assertThat(Typedefs.REGEX.test("https://(?#tenant)[a-z]+\\.example\\.com")).isNull();
    }

    @Test
    void anIpv6AddressOrRangeMayBeBracketedAsKongsIpMatcherStripsBrackets() {
        assertThat(Typedefs.IP_OR_CIDR.test("[::1]")).isNull();
        assertThat(Typedefs.IP_OR_CIDR.test("[2001:db8::]/48")).isNull();
        assertThat(Typedefs.IP_OR_CIDR.test("[10.0.0.1]")).isEqualTo("invalid ip or cidr range: '[10.0.0.1]'");
        assertThat(Typedefs.IP_OR_CIDR.test("[::1")).isEqualTo("invalid ip or cidr range: '[::1'");
    }

    @Test
    void aPortIsANumberWhateverItsLeadingZeros() {
        assertThat(Typedefs.HOST_WITH_OPTIONAL_PORT.test("example.com:000080")).isNull();
        assertThat(Typedefs.HOST_WITH_OPTIONAL_PORT.test("10.0.0.1:0000000000443")).isNull();
        assertThat(Typedefs.HOST_WITH_OPTIONAL_PORT.test("[::1]:00080")).isNull();
        assertThat(Typedefs.HOST_WITH_OPTIONAL_PORT.test("example.com:0065536")).isEqualTo("invalid value: example.com:0065536");
        assertThat(Typedefs.HOST.test("example.com:000080")).isEqualTo("must not have a port");
    }
}
