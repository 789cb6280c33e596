package org.domainchat.webmail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.domainchat.alias.Alias;
import org.domainchat.testing.Chats;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;

/**
 * The OpenAPI 3.1 description the plugin serves ({@code openapi.json} in the jar) against the API's real answers:
 * every operation it describes is called over real HTTP (real core, HSQLDB, Lucene, Jetty), and each answer's body is
 * validated with a JSON Schema 2020-12 validator against the schema the description gives for that operation and
 * status, errors included; event stream payloads against the event schemas. Every operation must be exercised, and
 * every route the description lists must exist.
 */
class OpenApiConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    private WebmailFixture f;
    private JsonNode description;
    private final Set<String> covered = new TreeSet<>();
    private final List<String> problems = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        f = new WebmailFixture(data);
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("org/domainchat/webmail/openapi.json")) {
            description = JSON.readTree(in);
        }
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void theDescriptionIsOpenApi31WithJsonSchema202012() {
        assertEquals("3.1.0", description.path("openapi").asText());
        assertEquals("https://json-schema.org/draft/2020-12/schema", description.path("jsonSchemaDialect").asText());
        // every $ref resolves
        List<String> dangling = new ArrayList<>();
        refs(description, dangling);
        assertEquals(List.of(), dangling);
    }

    private void refs(JsonNode node, List<String> dangling) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && description.at(ref.asText().substring(1)).isMissingNode()) {
                dangling.add(ref.asText());
            }
            node.forEach(child -> refs(child, dangling));
        } else if (node.isArray()) {
            node.forEach(child -> refs(child, dangling));
        }
    }

    @Test
    void everyEndpointAnswersAsDescribed() throws Exception {
        f.alias("sales", "Sales Team", Alias.Visibility.ALL, true, "alice", "carol");
        f.cards.put("bob", new ContactCards.Card("bob@mail.example.com", "Head of Sales", "Example AG", null));
        f.online.with("bob@example.com/desk", Presence.Show.dnd, "in a meeting");
        Message withFile = Chats.chat("bob@example.com/desk", "alice@example.com", "see https://example.org/a.pdf");
        withFile.getElement().addElement("x", "jabber:x:oob").addElement("url")
                .setText("https://chat.example.com:7443/httpfileupload/x/Q3.xlsx");
        f.archive(withFile);
        f.archive("alice", "bob", "the quarterly report is ready");
        f.archiveViaAlias("carol", "sales", null, "new lead");
        f.awaitArchived();

        HttpResponse<String> r = f.login("alice", "alice-pw");
        check("post", "/session", r);
        String alice = json(r).getString("token");
        check("post", "/session", f.login("alice", "wrong"));
        check("post", "/session", f.send(f.request("/session").header("Authorization", "Bearer "
                + f.backendToken("alice")).POST(HttpRequest.BodyPublishers.noBody())));
        check("get", "/session", f.get("/session", alice));
        check("get", "/session", f.get("/session", "dcs_not-a-token"));

        check("get", "/contacts", f.get("/contacts", alice));
        check("get", "/contacts", f.get("/contacts?q=bak&limit=1", alice));
        check("get", "/contacts", f.get("/contacts?limit=0", alice));
        check("get", "/contacts/{jid}", f.get("/contacts/bob@example.com", alice));
        check("get", "/contacts/{jid}", f.get("/contacts/sales@example.com", alice));
        check("get", "/contacts/{jid}", f.get("/contacts/nobody@example.com", alice));

        r = f.get("/history/bob@example.com", alice);
        check("get", "/history/{jid}", r);
        String newest = json(r).getJSONArray("messages").getJSONObject(0).getString("id");
        check("get", "/history/{jid}", f.get("/history/sales@example.com", alice));
        check("get", "/history/{jid}", f.get("/history/not%20an%20address", alice));
        check("post", "/read", f.postJson("/read", "{\"with\": \"bob@example.com\", \"upTo\": \"" + newest + "\"}",
                alice));
        check("post", "/read", f.postJson("/read", "{\"with\": \"bob@example.com\"}", alice));
        check("post", "/read", f.postJson("/read", "{\"with\": 5}", alice));

        r = f.get("/contacts/bob@example.com/conversations", alice);
        check("get", "/contacts/{jid}/conversations", r);
        String conversation = json(r).getJSONArray("conversations").getJSONObject(0).getString("id");
        check("get", "/contacts/{jid}/conversations", f.get("/contacts/bob@example.com/conversations?limit=999",
                alice));
        check("get", "/conversations/{id}", f.get("/conversations/" + conversation, alice));
        check("get", "/conversations/{id}", f.get("/conversations/" + conversation + "?limit=1", alice));
        check("get", "/conversations/{id}", f.get("/conversations/12345", alice));
        check("get", "/contacts/{jid}/attachments", f.get("/contacts/bob@example.com/attachments", alice));
        check("get", "/search", f.get("/search?q=quarterly", alice));
        check("get", "/search", f.get("/search?q=%22unbalanced", alice));

        check("get", "/status", f.get("/status", alice));
        check("put", "/status", put("/status", "{\"status\": \"invisible\"}", alice));
        check("post", "/events/ticket", f.postJson("/events/ticket", "", alice));
        try (SseClient events = SseClient.open(f.client, f.request("/events").header("Authorization",
                "Bearer " + alice).timeout(java.time.Duration.ofMinutes(1)).GET().build())) {
            covered.add("get /events");
            check("put", "/status", put("/status", "{\"status\": \"busy\", \"text\": \"call\"}", alice));
            event("StatusEvent", events.next("status"));
            check("post", "/typing", f.postJson("/typing", "{\"to\": \"bob@example.com\", \"state\": \"composing\"}",
                    alice));
            check("post", "/typing", f.postJson("/typing", "{\"to\": \"bob@example.com\", \"state\": \"dancing\"}",
                    alice));
            check("post", "/messages", f.postJson("/messages", "{\"to\": \"bob@example.com\", \"body\": \"hi\"}",
                    alice));
            event("MessageEvent", events.next("message"));
            check("post", "/messages", f.postJson("/messages", "{\"to\": \"bob@example.com\", \"body\": \" \"}",
                    alice));
            Message in = Chats.chat("bob@example.com/desk", "alice@example.com", "hello from the desk");
            f.core.archiver().archive(in, org.domainchat.archive.MessageCapture.Source.CLIENT);
            f.links.open("alice").deliver(in);
            event("MessageEvent", events.next("message"));
            Message typing = Chats.chat("bob@example.com/desk", "alice@example.com", null);
            typing.addExtension(new org.xmpp.packet.PacketExtension("composing",
                    "http://jabber.org/protocol/chatstates"));
            f.links.open("alice").deliver(typing);
            event("TypingEvent", events.next("typing"));
            f.online.with("bob@example.com/desk", Presence.Show.away, null);
            Presence away = new Presence();
            away.setFrom("bob@example.com/desk");
            away.setShow(Presence.Show.away);
            f.links.open("alice").deliver(away);
            event("PresenceEvent", events.next("presence"));
            Message bounced = Chats.chat("bob@example.com", "alice@example.com", null);
            bounced.setType(Message.Type.error);
            bounced.setError(org.xmpp.packet.PacketError.Condition.service_unavailable);
            f.links.open("alice").deliver(bounced);
            event("UndeliveredEvent", events.next("undelivered"));
        }
        check("post", "/messages", f.postJson("/messages", "{\"to\": \"bob@example.com\", \"body\": \"x\"}",
                "dcs_forged"));
        check("delete", "/session", f.send(f.request("/session").header("Authorization", "Bearer " + alice)
                .DELETE()));
        check("delete", "/session", f.send(f.request("/session").header("Authorization", "Bearer " + alice)
                .DELETE()));

        String boss = WebmailFixture.basic("boss", "boss-pw");
        check("get", "/admin/aliases", f.send(f.request("/admin/aliases").header("Authorization", boss).GET()));
        check("get", "/admin/aliases", f.send(f.request("/admin/aliases").header("Authorization",
                WebmailFixture.basic("alice", "alice-pw")).GET()));
        check("put", "/admin/aliases/{alias}", f.send(f.request("/admin/aliases/support").header("Authorization", boss)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"displayName\": \"Support\", \"members\": [\"bob\"]}"))));
        check("put", "/admin/aliases/{alias}", f.send(f.request("/admin/aliases/support").header("Authorization",
                boss).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"displayName\": \"\", \"members\": [\"zed\"]}"))));
        check("get", "/admin/aliases/{alias}", f.send(f.request("/admin/aliases/support").header("Authorization",
                boss).GET()));
        check("delete", "/admin/aliases/{alias}", f.send(f.request("/admin/aliases/support")
                .header("Authorization", boss).DELETE()));
        check("get", "/admin/aliases/{alias}", f.send(f.request("/admin/aliases/support").header("Authorization",
                boss).GET()));
        check("delete", "/admin/aliases/{alias}", f.send(f.request("/admin/aliases/support")
                .header("Authorization", boss).DELETE()));

        assertEquals(List.of(), problems, "answers the description does not allow");
        assertEquals(operations(), covered.stream().filter(c -> !c.startsWith("event ")).collect(
                Collectors.toCollection(TreeSet::new)), "every operation of the description was called");
    }

    private HttpResponse<String> put(String path, String json, String token) throws Exception {
        return f.send(f.request(path).header("Authorization", "Bearer " + token).header("Content-Type",
                "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static JSONObject json(HttpResponse<String> r) {
        return new JSONObject(r.body());
    }

    /** Every "method path" the description has. */
    private Set<String> operations() {
        Set<String> all = new TreeSet<>();
        description.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(method -> all.add(method + " " + p.getKey())));
        return all;
    }

    /** Validates one answer against the description of that operation and status. */
    private void check(String method, String path, HttpResponse<String> response) throws Exception {
        String where = method.toUpperCase() + " " + path + " → " + response.statusCode();
        covered.add(method + " " + path);
        JsonNode operation = description.path("paths").path(path).path(method);
        if (operation.isMissingNode()) {
            problems.add(where + ": not in the description");
            return;
        }
        JsonNode answer = operation.path("responses").path(Integer.toString(response.statusCode()));
        if (answer.has("$ref")) {
            answer = description.at(answer.get("$ref").asText().substring(1));
        }
        if (answer.isMissingNode()) {
            problems.add(where + ": status not described (" + response.body() + ")");
            return;
        }
        JsonNode content = answer.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (!response.body().isEmpty()) {
                problems.add(where + ": described without a body, has " + response.body());
            }
            return;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/json")) {
            problems.add(where + ": content type " + type);
            return;
        }
        validate(where, content.path("application/json").path("schema"), response.body());
    }

    private void event(String schemaName, SseClient.Event event) throws Exception {
        covered.add("event " + schemaName);
        validate("event " + event.type(), JSON.createObjectNode().put("$ref", "#/components/schemas/" + schemaName),
                event.data());
    }

    private void validate(String where, JsonNode schemaRef, String body) throws Exception {
        // The description's schemas as one JSON Schema 2020-12 document, rooted at the schema for this answer.
        String defs = JSON.writeValueAsString(description.path("components").path("schemas"))
                .replace("#/components/schemas/", "#/$defs/");
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", schemaRef.path("$ref").asText().replace("#/components/schemas/", "#/$defs/"));
        root.set("$defs", JSON.readTree(defs));
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
        Set<ValidationMessage> errors = schema.validate(JSON.readTree(body.getBytes(StandardCharsets.UTF_8)));
        if (!errors.isEmpty()) {
            problems.add(where + ": " + errors.stream().map(ValidationMessage::getMessage)
                    .collect(Collectors.joining("; ")) + " in " + body);
        }
    }

    @Test
    void theCheckIsNotVacuous() throws Exception {
        JsonNode message = JSON.createObjectNode().put("$ref", "#/components/schemas/Message");
        validate("a number id", message, "{\"id\": 5, \"conversationId\": null, \"from\": \"a@b\", \"to\": \"b@b\","
                + " \"resources\": {\"from\": null, \"to\": null}, \"outgoing\": true, \"body\": \"x\", "
                + "\"truncated\": false, \"sentAt\": \"2026-11-25T08:00:00.000Z\", \"sentAtMillis\": 1}");
        validate("an unknown member", JSON.createObjectNode().put("$ref", "#/components/schemas/Ticket"),
                "{\"ticket\": \"est_x\", \"expiresInSeconds\": 60, \"surprise\": 1}");
        validate("a missing member", JSON.createObjectNode().put("$ref", "#/components/schemas/Error"),
                "{\"error\": {\"code\": \"x\"}}");
        assertEquals(3, problems.size(), problems.toString());
    }

    @Test
    void theDescriptionListsOnlyRoutesTheApiHas() throws Exception {
        String alice = f.session("alice");
        Iterator<String> paths = description.path("paths").fieldNames();
        while (paths.hasNext()) {
            String path = paths.next();
            String concrete = path.replace("{jid}", "bob@example.com").replace("{id}", "1")
                    .replace("{alias}", "sales");
            HttpResponse<String> r = f.send(f.request(concrete).header("Authorization", "Bearer " + alice)
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            // OPTIONS is no method of any route: an existing path answers 405 and lists its methods.
            assertEquals(405, r.statusCode(), path + ": " + r.body());
            Set<String> allowed = Set.of(r.headers().firstValue("Allow").orElse("").toLowerCase().split(",\\s*"));
            Set<String> described = new TreeSet<>();
            description.path("paths").path(path).fieldNames().forEachRemaining(described::add);
            assertTrue(allowed.containsAll(described), path + ": described " + described + ", allowed " + allowed);
        }
    }
}
