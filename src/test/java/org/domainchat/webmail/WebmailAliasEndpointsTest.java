package org.domainchat.webmail;

import static org.domainchat.webmail.WebmailFixture.assertError;
import static org.domainchat.webmail.WebmailFixture.basic;
import static org.domainchat.webmail.WebmailFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.domainchat.alias.Alias;
import org.domainchat.alias.AliasBook;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alias provisioning over real HTTP into the core's real {@link AliasBook} on HSQLDB: who may call it, the round
 * trip, and every way a body or a name can be wrong.
 */
class WebmailAliasEndpointsTest {

    private static final String BOSS = basic("boss", "boss-pw");
    private static final String SALES = new JSONObject().put("displayName", "Sales Team")
            .put("members", new JSONArray(List.of("alice", "bob"))).toString();

    @TempDir
    Path data;

    private WebmailFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new WebmailFixture(data);
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private HttpResponse<String> call(String method, String path, String authorization, String body)
            throws Exception {
        HttpRequest.Builder request = fx.request(path);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return fx.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> put(String name, String body) throws Exception {
        return call("PUT", "/admin/aliases/" + name, BOSS, body);
    }

    private AliasBook.View book() {
        return fx.core.aliases().view();
    }

    /** A 400 {@code invalid-alias}: the error format plus the list of problems, returned as field → messages. */
    private static Map<String, List<String>> problems(HttpResponse<String> response) {
        assertEquals(400, response.statusCode(), response.body());
        JSONObject error = json(response).getJSONObject("error");
        assertEquals(Set.of("code", "message", "problems"), error.keySet(), response.body());
        assertEquals("invalid-alias", error.getString("code"));
        JSONArray list = error.getJSONArray("problems");
        assertFalse(list.isEmpty(), response.body());
        Map<String, List<String>> out = new java.util.TreeMap<>();
        for (int i = 0; i < list.length(); i++) {
            JSONObject p = list.getJSONObject(i);
            assertTrue(error.getString("message").contains(p.getString("message")), "the message has every problem");
            out.computeIfAbsent(String.valueOf(p.opt("field")), k -> new ArrayList<>()).add(p.getString("message"));
        }
        return out;
    }

    @Test
    void onlyAdministratorsMayCallAnyOfThem() throws Exception {
        String adminToken = "Bearer " + fx.backendToken("boss", c -> c.claim("scope", "admin"));
        String[][] calls = {{"GET", "/admin/aliases"}, {"GET", "/admin/aliases/sales"},
                {"PUT", "/admin/aliases/sales"}, {"DELETE", "/admin/aliases/sales"}};
        for (String[] c : calls) {
            String body = c[0].equals("PUT") ? SALES : null;
            String what = c[0] + " " + c[1];
            assertError(call(c[0], c[1], null, body), 401, "missing-credentials");
            assertError(call(c[0], c[1], basic("alice", "alice-pw"), body), 403, "forbidden");
            assertError(call(c[0], c[1], basic("boss", "wrong"), body), 401, "bad-credentials");
            assertError(call(c[0], c[1], "Bearer " + fx.session("alice"), body), 403, "forbidden");
            assertError(call(c[0], c[1], "Bearer " + fx.session("boss"), body), 403, "forbidden");
            assertError(call(c[0], c[1], "Bearer " + fx.backendToken("boss"), body), 403, "forbidden");
            assertError(call(c[0], c[1], "Bearer " + fx.backendToken("alice", t -> t.claim("scope", "admin")), body),
                    403, "forbidden");
            assertTrue(book().entry("sales").isEmpty(), what + ": nothing was created by a refused call");
        }
        assertEquals(201, call("PUT", "/admin/aliases/sales", BOSS, SALES).statusCode());
        assertEquals(200, call("PUT", "/admin/aliases/sales", adminToken, SALES).statusCode());
        assertEquals(200, call("GET", "/admin/aliases/sales", adminToken, null).statusCode());
        assertEquals(200, call("GET", "/admin/aliases", BOSS, null).statusCode());
        assertEquals(204, call("DELETE", "/admin/aliases/sales", adminToken, null).statusCode());
    }

    @Test
    void createReplaceReadListAndDeleteGoThroughTheBook() throws Exception {
        HttpResponse<String> created = put("Sales", new JSONObject().put("displayName", "Sales Team")
                .put("members", new JSONArray(List.of("Bob@Example.com", "alice")))
                .put("group", "Sales staff").put("visibleTo", "members").put("storeOffline", true).toString());
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(WebmailApi.BASE_PATH + "/admin/aliases/sales", created.headers().firstValue("Location")
                .orElse(""));
        JSONObject sales = json(created);
        assertEquals("sales", sales.getString("name"));
        assertEquals("sales@example.com", sales.getString("address"));
        assertEquals("Sales Team", sales.getString("displayName"));
        assertEquals(List.of("alice", "bob"), sales.getJSONArray("members").toList(), "normalised usernames");
        assertEquals("Sales staff", sales.getString("group"));
        assertTrue(sales.getBoolean("enabled"), "enabled unless the body says otherwise");
        assertEquals("members", sales.getString("visibleTo"));
        assertTrue(sales.getBoolean("storeOffline"));
        assertEquals(List.of("alice", "bob", "carol"), sales.getJSONArray("resolvedMembers").toList(),
                "the group's members too");
        assertEquals(3, sales.getInt("memberCount"));
        assertEquals(0, sales.getJSONArray("problems").length());

        Alias stored = book().entry("sales").orElseThrow().alias();
        assertEquals(new Alias("sales", "Sales Team", Set.of("alice", "bob"), "Sales staff", true,
                Alias.Visibility.MEMBERS, true), stored);
        assertTrue(fx.core.aliases().isMember("sales@example.com", "carol@example.com"));

        HttpResponse<String> replaced = put("sales@example.com", new JSONObject().put("displayName", "Sales")
                .put("members", new JSONArray(List.of("dave"))).put("enabled", false).toString());
        assertEquals(200, replaced.statusCode(), replaced.body());
        assertTrue(replaced.headers().firstValue("Location").isEmpty());
        assertEquals(new Alias("sales", "Sales", Set.of("dave"), null, false, Alias.Visibility.ALL, false),
                book().entry("sales").orElseThrow().alias(), "a PUT replaces everything; what it leaves out resets");

        put("support", new JSONObject().put("displayName", "Support").toString());
        assertTrue(json(replaced).similar(json(call("GET", "/admin/aliases/SALES", BOSS, null))),
                "the name is case-insensitive, and GET shows what PUT answered");
        JSONObject list = json(call("GET", "/admin/aliases", BOSS, null));
        assertEquals("example.com", list.getString("domain"));
        JSONArray aliases = list.getJSONArray("aliases");
        assertEquals(List.of("sales", "support"), List.of(aliases.getJSONObject(0).getString("name"),
                aliases.getJSONObject(1).getString("name")));
        assertEquals(0, aliases.getJSONObject(1).getInt("memberCount"));

        assertEquals(204, call("DELETE", "/admin/aliases/sales", BOSS, null).statusCode());
        assertTrue(book().entry("sales").isEmpty());
        assertError(call("DELETE", "/admin/aliases/sales", BOSS, null), 404, "alias-not-found");
        assertError(call("GET", "/admin/aliases/sales", BOSS, null), 404, "alias-not-found");
        assertEquals(1, json(call("GET", "/admin/aliases", BOSS, null)).getJSONArray("aliases").length());
    }

    @Test
    void everyProblemTheBookFindsIsListedWithItsField() throws Exception {
        put("sales", SALES);
        Map<String, List<String>> p = problems(put("bob", new JSONObject().put("displayName", " ")
                .put("members", new JSONArray(List.of("sales", "zed", "erin@other.org", "alice")))
                .put("group", "Nobody").toString()));
        assertEquals(Set.of("name", "displayName", "members", "group"), p.keySet(), p.toString());
        assertTrue(p.get("name").get(0).contains("already a user called \"bob\""), p.toString());
        assertTrue(p.get("displayName").get(0).contains("display name"), p.toString());
        assertEquals(2, p.get("members").size(), p.toString());
        assertTrue(p.get("members").get(0).contains("\"sales\" is a chat alias"), p.toString());
        assertTrue(p.get("members").get(1).contains("erin@other.org, zed"), p.toString());
        assertTrue(p.get("group").get(0).contains("no group called \"Nobody\""), p.toString());
        assertTrue(book().entry("bob").isEmpty(), "nothing stored");

        assertEquals(Set.of("displayName"), problems(put("team", "{}")).keySet(), "a display name is needed");
        assertEquals(Set.of("displayName"), problems(put("team", new JSONObject()
                .put("displayName", "x".repeat(256)).toString())).keySet());
        assertEquals(Set.of("members"), problems(put("team", new JSONObject().put("displayName", "Team")
                .put("members", new JSONArray(List.of("team"))).toString())).keySet(), "not itself either");

        // A failed replace leaves the stored alias as it was.
        problems(put("sales", new JSONObject().put("displayName", "Sales").put("group", "Nobody").toString()));
        assertEquals(Set.of("alice", "bob"), book().entry("sales").orElseThrow().alias().members());
    }

    @Test
    void badNamesAreRefusedBeforeAnythingIsRead() throws Exception {
        for (String bad : List.of("-sales", "sales-", "a..b", "sa%20les", "s%C3%A4les", "sales@", "x".repeat(65))) {
            assertError(put(bad, SALES), 400, "invalid-alias-name");
            assertError(call("GET", "/admin/aliases/" + bad, BOSS, null), 400, "invalid-alias-name");
            assertError(call("DELETE", "/admin/aliases/" + bad, BOSS, null), 400, "invalid-alias-name");
        }
        JSONObject error = assertError(put("sales@other.org", SALES), 400, "invalid-alias-name");
        assertTrue(error.getString("message").contains("example.com"), error.toString());
        assertTrue(book().byName().isEmpty());
        assertError(call("POST", "/admin/aliases/sales", BOSS, SALES), 405, "method-not-allowed");
    }

    @Test
    void malformedBodiesAndWrongTypesAreTheCallersMistake() throws Exception {
        assertError(put("sales", null), 400, "malformed-request");
        for (String body : List.of("{\"displayName\": \"Sales\"", "[\"alice\"]", "\"sales\"", "{'displayName': 'x'}",
                "{\"displayName\": \"a\", \"displayName\": \"b\"}")) {
            assertError(put("sales", body), 400, "malformed-request");
        }
        for (Map.Entry<String, Object> wrong : Map.<String, Object>of(
                "displayName", 5, "members", "alice", "group", new JSONArray(), "enabled", "yes",
                "visibleTo", "everyone", "storeOffline", 1, "name", "sales").entrySet()) {
            String body = new JSONObject().put("displayName", "Sales").put(wrong.getKey(), wrong.getValue())
                    .toString();
            JSONObject error = assertError(put("sales", body), 400, "malformed-request");
            assertTrue(error.getString("message").contains("\"" + wrong.getKey() + "\""), error.toString());
        }
        for (Object member : List.of(1, "", JSONObject.NULL, new JSONObject())) {
            assertError(put("sales", new JSONObject().put("displayName", "Sales")
                    .put("members", new JSONArray().put("alice").put(member)).toString()), 400, "malformed-request");
        }
        assertError(fx.send(fx.request("/admin/aliases/sales").header("Authorization", BOSS)
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString(SALES))), 415,
                "unsupported-media-type");
        assertTrue(book().byName().isEmpty());

        HttpResponse<String> nulls = put("sales", new JSONObject().put("displayName", "Sales")
                .put("members", JSONObject.NULL).put("group", JSONObject.NULL).put("enabled", JSONObject.NULL)
                .toString());
        assertEquals(201, nulls.statusCode(), "null is the same as absent: " + nulls.body());
    }

    @Test
    void theListShowsWhatHasGoneWrongSinceAnAliasWasSaved() throws Exception {
        put("sales", SALES);
        put("team", new JSONObject().put("displayName", "Team").put("group", "Sales staff").toString());
        fx.accounts.passwords.put("sales", "sales-pw");
        fx.accounts.passwords.remove("bob");
        fx.groups.remove("Sales staff");

        JSONArray aliases = json(call("GET", "/admin/aliases", BOSS, null)).getJSONArray("aliases");
        JSONArray sales = aliases.getJSONObject(0).getJSONArray("problems");
        assertEquals(2, sales.length(), sales.toString());
        assertEquals("name", sales.getJSONObject(0).getString("field"));
        assertTrue(sales.getJSONObject(0).getString("message").contains("already a user called \"sales\""));
        assertEquals("members", sales.getJSONObject(1).getString("field"));
        JSONArray team = aliases.getJSONObject(1).getJSONArray("problems");
        assertEquals("group", team.getJSONObject(0).getString("field"), team.toString());
        assertTrue(json(call("GET", "/admin/aliases/team", BOSS, null)).getJSONArray("problems").similar(team));
    }
}
