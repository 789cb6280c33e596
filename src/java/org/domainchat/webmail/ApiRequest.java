package org.domainchat.webmail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;

import org.json.JSONException;
import org.json.JSONObject;
import org.json.JSONParserConfiguration;

/** One request as a handler sees it: who calls, the checked path parameters, the query and the body. */
final class ApiRequest {

    private static final JSONParserConfiguration STRICT = new JSONParserConfiguration().withStrictMode(true)
            .withMaxNestingDepth(32);

    private final HttpServletRequest http;
    private final Caller caller;
    private final Map<String, Object> path;
    private final Map<String, List<String>> query;
    private final byte[] body;
    private final String clientAddress;

    ApiRequest(HttpServletRequest http, Caller caller, Map<String, Object> path, Map<String, List<String>> query,
               byte[] body, String clientAddress) {
        this.http = http;
        this.caller = caller;
        this.path = path;
        this.query = query;
        this.body = body;
        this.clientAddress = clientAddress;
    }

    HttpServletRequest http() {
        return http;
    }

    /** The authenticated caller; null only on {@link Router.Access#PUBLIC} routes. */
    Caller caller() {
        return caller;
    }

    /** The caller's bare JID: whose archive this request reads. */
    String owner() {
        return caller.jid();
    }

    String clientAddress() {
        return clientAddress;
    }

    /** A {@code {jid}} path parameter, already checked to be a bare JID and normalised. */
    String pathJid(String name) {
        return (String) path.get(name);
    }

    /** An {@code {id}} path parameter, already checked to be a positive id. */
    long pathId(String name) {
        return (Long) path.get(name);
    }

    /** An {@code {alias}} path parameter, already checked to be an alias name (its domain not yet). */
    AliasPath pathAlias(String name) {
        return (AliasPath) path.get(name);
    }

    /** The single value of a query parameter, or null when absent; 400 when it is given more than once. */
    String query(String name) {
        List<String> values = query.get(name);
        if (values == null) {
            return null;
        }
        if (values.size() > 1) {
            throw Params.invalid(name, "is given more than once");
        }
        return values.get(0);
    }

    /** An optional archive id cursor (e.g. {@code before}); blank is the same as absent. */
    Long queryId(String name) {
        String value = query(name);
        return value == null || value.isEmpty() ? null : Params.archiveId(name, value);
    }

    int queryLimit(String name, int fallback, int max) {
        String value = query(name);
        return value == null || value.isEmpty() ? fallback : Params.limit(name, value, max);
    }

    boolean hasBody() {
        return body.length > 0;
    }

    /** The body as a JSON object, parsed strictly (no comments, single quotes, trailing text or duplicate keys). */
    JSONObject json() {
        if (body.length == 0) {
            throw ApiError.badRequest("malformed-request", "This request needs a JSON object as its body.");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.badRequest("malformed-request", "The body is not valid UTF-8.");
        }
        try {
            return new JSONObject(text, STRICT);
        } catch (JSONException e) {
            throw ApiError.badRequest("malformed-request", "The body is not a valid JSON object.");
        }
    }

    /** A string member of a JSON body; 400 when missing or of another type. */
    static String requiredString(JSONObject object, String name) {
        Object value = object.opt(name);
        if (!(value instanceof String text)) {
            throw ApiError.badRequest("malformed-request", "The body needs \"" + name + "\" as a string.");
        }
        return text;
    }
}
