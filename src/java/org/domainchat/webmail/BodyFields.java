package org.domainchat.webmail;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.domainchat.util.XmlChars;
import org.json.JSONObject;

/**
 * The rules every JSON request body follows: only the members its endpoint knows (a misspelt {@code "bdy"} is a 400,
 * not a silently empty field), and text that goes into a stanza holds only characters XML 1.0 allows (one U+0000 or
 * U+FFFE in a body or a status text would close every recipient's XMPP stream). Each refusal names the field.
 */
final class BodyFields {

    private BodyFields() {
    }

    /**
     * {@code body}, after checking that it has no member outside {@code known}.
     *
     * @throws ApiError 400 {@code malformed-request} naming the first unknown member (in sorted order, so the
     *                  answer does not depend on the parser's map order)
     */
    static JSONObject only(JSONObject body, Set<String> known) {
        TreeSet<String> unknown = new TreeSet<>(body.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw ApiError.badRequest("malformed-request", "\"" + Params.clip(unknown.first())
                    + "\" is not a field of this request; it may contain " + String.join(", ", new TreeSet<>(known))
                    + ".");
        }
        return body;
    }

    /** A required string member that holds only XML 1.0 characters; 400 when missing, of another type or not. */
    static String requiredText(JSONObject body, String name) {
        return xmlText(name, ApiRequest.requiredString(body, name));
    }

    /** An optional string member (absent or JSON null: null) that holds only XML 1.0 characters. */
    static String optionalText(JSONObject body, String name) {
        Object value = body.opt(name);
        if (value == null || value == JSONObject.NULL) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw ApiError.badRequest("malformed-request", "\"" + name + "\" must be a string.");
        }
        return xmlText(name, text);
    }

    /**
     * {@code text} unchanged when XML 1.0 allows all of its characters.
     *
     * @throws ApiError 400 {@code invalid-character} naming the field, the character and its position (counted in
     *                  characters as people see them, from 1)
     */
    static String xmlText(String field, String text) {
        int at = XmlChars.firstInvalid(text);
        if (at < 0) {
            return text;
        }
        String message = "\"" + field + "\" holds a character XML does not allow (" + XmlChars.describe(text, at)
                + ") at position " + (text.codePointCount(0, at) + 1) + "; remove it and send again.";
        throw ApiError.badRequest("invalid-character", message, List.of(new ApiError.Problem(field, message)));
    }
}
