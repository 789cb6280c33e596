package org.domainchat.webmail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RouterTest {

    private static final Router.Handler NONE = request -> Reply.noContent();

    private static ApiError refused(Runnable r) {
        return assertThrows(ApiError.class, r::run);
    }

    @Test
    void routesMatchByMethodAndTemplateWithTypedParameters() {
        Router router = new Router()
                .get("/contacts/{jid}/conversations", Router.Access.USER, NONE)
                .get("/conversations/{id}", Router.Access.USER, NONE)
                .get("/conversations/unread", Router.Access.USER, NONE)
                .post("/contacts/{jid}/messages", Router.Access.USER, Router.Limit.SEND, NONE);
        Router.Match match = router.match("GET", List.of("contacts", "Bob@Example.com", "conversations"));
        assertEquals(Map.of("jid", "bob@example.com"), match.params());
        assertEquals(Map.of("id", 42L), router.match("GET", List.of("conversations", "42")).params());
        assertEquals(List.of("conversations", "unread"), router.match("GET", List.of("conversations", "unread"))
                .route().template(), "a literal segment beats a parameter");
        assertEquals(Router.Limit.SEND, router.match("POST", List.of("contacts", "a@b.c", "messages")).route()
                .limit());

        assertEquals(404, refused(() -> router.match("GET", List.of("contacts", "a@b.c"))).status);
        assertEquals(404, refused(() -> router.match("GET", List.of("contacts", "", "conversations"))).status);
        ApiError wrongMethod = refused(() -> router.match("PUT", List.of("contacts", "a@b.c", "messages")));
        assertEquals(405, wrongMethod.status);
        assertEquals("POST", wrongMethod.headers.get("Allow"));

        Router.Match bad = router.match("GET", List.of("conversations", "12ab"));
        assertEquals("invalid-parameter", refused(bad::params).code);
        Router.Match badJid = router.match("GET", List.of("contacts", "bob@example.com/phone", "conversations"));
        assertEquals("invalid-address", refused(badJid::params).code);
    }

    @Test
    void aTemplateCannotUseAParameterWithoutAType() {
        Router router = new Router();
        assertThrows(IllegalArgumentException.class, () -> router.get("/users/{name}", Router.Access.USER, NONE));
        assertThrows(IllegalArgumentException.class, () -> router.get("users", Router.Access.USER, NONE));
        assertThrows(IllegalArgumentException.class, () -> router.get("/a//b", Router.Access.USER, NONE));
        assertThrows(IllegalArgumentException.class, () -> router.get("/a/{id", Router.Access.USER, NONE));
        router.get("/a/{id}", Router.Access.USER, NONE);
        assertThrows(IllegalArgumentException.class, () -> router.get("/a/{id}", Router.Access.ADMIN, NONE));
    }

    @Test
    void rawPathsAndQueriesAreDecodedStrictly() {
        assertEquals(List.of("history", "alice@example.com"),
                UriText.pathSegments("/domainchat/api/v1/history/alice%40example.com", 3));
        assertEquals(List.of("history", "a b+c"), UriText.pathSegments("/x/history/a%20b+c", 1),
                "+ is a plus in a path");
        assertEquals(List.of("history", "jürgen@example.com"),
                UriText.pathSegments("/x/history/j%C3%BCrgen@example.com", 1));
        assertEquals(List.of("a/b"), UriText.pathSegments("/a%2Fb", 0), "an encoded slash stays in its segment");
        assertEquals(List.of(""), UriText.pathSegments("/x/", 1));
        for (String bad : List.of("/x/%", "/x/%4", "/x/%zz", "/x/%C3", "/x/%FF", "/x/%2e%2e", "/x/..", "/x/.")) {
            assertEquals(400, refused(() -> UriText.pathSegments(bad, 1)).status, bad);
        }
        Map<String, List<String>> query = UriText.query("q=grüße+a%26b&with=&q=2&flag&&=x");
        assertEquals(List.of("grüße a&b", "2"), query.get("q"));
        assertEquals(List.of(""), query.get("with"));
        assertEquals(List.of(""), query.get("flag"));
        assertEquals(List.of("x"), query.get(""));
        assertEquals(Map.of(), UriText.query(null));
        assertEquals(400, refused(() -> UriText.query("q=%E0%A4")).status);
    }

    @Test
    void parameterValuesAreCheckedWithAClearMessage() {
        assertEquals(1_790_000_000_000_000L, Params.archiveId("before", "1790000000000000"));
        assertEquals("invalid-parameter", refused(() -> Params.archiveId("before", "+1")).code);
        assertEquals("invalid-parameter", refused(() -> Params.archiveId("before", "0")).code);
        assertEquals("invalid-parameter", refused(() -> Params.archiveId("before", "9223372036854775808")).code);
        assertEquals(5, Params.limit("limit", "5", 10));
        assertEquals("The parameter \"limit\" must be a number from 1 to 10.",
                refused(() -> Params.limit("limit", "11", 10)).getMessage());
        assertEquals(1_764_028_800_000L, Params.instant("from", "2025-11-25", false));
        assertEquals(1_764_115_200_000L, Params.instant("to", "2025-11-25", true));
        assertEquals(1_764_057_600_000L, Params.instant("from", "2025-11-25T08:00:00Z", false));
        assertEquals(1_764_057_600_123L, Params.instant("from", "1764057600123", false));
        for (String bad : List.of("", "25.11.2025", "2025-11-25T08:00:00", "tomorrow", "2025-02-30")) {
            assertEquals("invalid-parameter", refused(() -> Params.instant("from", bad, false)).code, bad);
        }
        assertEquals("bob@example.com", Params.bareJid("with", "bob@example.com"));
        for (String bad : List.of("", "example.com", "@example.com", "bob@example.com/desk", "a b@example.com")) {
            assertEquals("invalid-address", refused(() -> Params.bareJid("with", bad)).code, bad);
        }
    }

    @Test
    void aliasNamesAreNamesOrAddressesInAnyCase() {
        assertEquals(new AliasPath("sales", null), Params.aliasName("alias", "Sales"));
        assertEquals(new AliasPath("sales.team", "example.com"), Params.aliasName("alias", "Sales.Team@Example.COM"));
        for (String bad : List.of("", "-x", "x-", "a..b", "a b", " sales", "sales@", "säles", "x".repeat(65), "a/b")) {
            ApiError error = refused(() -> Params.aliasName("alias", bad));
            assertEquals("invalid-alias-name", error.code, bad);
            assertEquals(400, error.status);
        }
        assertEquals(Map.of("alias", new AliasPath("sales", null)), new Router()
                .put("/admin/aliases/{alias}", Router.Access.ADMIN, NONE)
                .match("PUT", List.of("admin", "aliases", "SALES")).params());
    }
}
