package org.domainchat.webmail;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.domainchat.archive.ArchivedMessage;
import org.domainchat.archive.Conversation;
import org.domainchat.history.Attachment;
import org.domainchat.search.SearchHit;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * The archive's records as the API's JSON. Ids are strings: they are opaque to clients, and JavaScript numbers
 * would lose digits once ids pass 2^53. Times come twice, as ISO-8601 UTC for people and epoch ms for code.
 */
final class ArchiveJson {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ArchiveJson() {
    }

    static JSONObject message(ArchivedMessage m, String owner) {
        JSONObject json = new JSONObject()
                .put("id", id(m.id()))
                .put("conversationId", id(m.conversationId()))
                .put("from", m.from())
                .put("to", m.to())
                .put("resources", new JSONObject()
                        .put("from", orNull(m.fromResource()))
                        .put("to", orNull(m.toResource())))
                .put("outgoing", owner.equals(m.from()))
                .put("body", m.body())
                .put("truncated", m.bodyTruncated());
        return time(json, "sentAt", m.sentAt());
    }

    static JSONObject conversation(Conversation c, String owner) {
        JSONObject json = new JSONObject()
                .put("id", id(c.id()))
                .put("with", c.parties().first().equals(owner) ? c.parties().second() : c.parties().first())
                .put("lastMessageId", id(c.lastMessageId()))
                .put("messageCount", c.messageCount())
                .put("firstLine", c.firstLine());
        time(json, "startedAt", c.startedAt());
        return time(json, "endedAt", c.endedAt());
    }

    static JSONObject attachment(Attachment a, String owner) {
        JSONObject json = new JSONObject()
                .put("messageId", id(a.messageId()))
                .put("conversationId", id(a.conversationId()))
                .put("from", a.from())
                .put("outgoing", owner.equals(a.from()))
                .put("url", a.url())
                .put("kind", a.kind() == Attachment.Kind.FILE ? "file" : "link")
                .put("name", orNull(a.name()));
        return time(json, "sentAt", a.sentAt());
    }

    static JSONObject hit(SearchHit h, String owner) {
        JSONArray snippet = new JSONArray();
        for (SearchHit.Fragment f : h.snippet()) {
            snippet.put(new JSONObject().put("text", f.text()).put("match", f.match()));
        }
        boolean outgoing = owner.equals(h.from());
        JSONObject json = new JSONObject()
                .put("id", id(h.id()))
                .put("conversationId", id(h.conversationId()))
                .put("from", h.from())
                .put("to", h.to())
                .put("with", outgoing ? h.to() : h.from())
                .put("outgoing", outgoing)
                .put("body", orNull(h.body()))
                .put("snippet", snippet);
        return time(json, "sentAt", h.sentAt());
    }

    /** An id, or JSON null for none (0 or null: e.g. a conversation not assigned yet, the last page's cursor). */
    static Object id(Long id) {
        return id == null || id == 0 ? JSONObject.NULL : Long.toString(id);
    }

    static Object orNull(Object value) {
        return value == null ? JSONObject.NULL : value;
    }

    /** Puts {@code name} as ISO-8601 UTC with milliseconds and {@code nameMillis} as epoch ms. */
    static JSONObject time(JSONObject json, String name, long epochMillis) {
        return json.put(name, ISO.format(Instant.ofEpochMilli(epochMillis))).put(name + "Millis", epochMillis);
    }
}
