package org.domainchat.webmail;

import java.util.Map;

import org.json.JSONArray;
import org.json.JSONObject;

/**
 * What a request is answered with: a status, a JSON body (null for none) and extra headers; or, for the event
 * stream, an opener that takes over the response once its headers are sent.
 */
record Reply(int status, JSONObject body, Map<String, String> headers, StreamOpener stream, Runnable notOpened) {

    /** Takes over an asynchronous response that is already committed as {@code text/event-stream}. */
    @FunctionalInterface
    interface StreamOpener {
        void open(javax.servlet.AsyncContext async) throws java.io.IOException;
    }

    Reply {
        headers = Map.copyOf(headers);
    }

    Reply(int status, JSONObject body, Map<String, String> headers) {
        this(status, body, headers, null, null);
    }

    static Reply ok(JSONObject body) {
        return new Reply(200, body, Map.of());
    }

    static Reply created(JSONObject body) {
        return new Reply(201, body, Map.of());
    }

    static Reply noContent() {
        return new Reply(204, null, Map.of());
    }

    /**
     * @param notOpened run when the opener is never called (the response could not be taken over), so what was set
     *                  aside for the stream is given back
     */
    static Reply stream(StreamOpener opener, Runnable notOpened) {
        return new Reply(200, null, Map.of(), opener, notOpened);
    }

    static Reply error(ApiError error) {
        JSONObject detail = new JSONObject().put("code", error.code).put("message", error.getMessage());
        if (error.position > 0) {
            detail.put("position", error.position);
        }
        if (!error.problems.isEmpty()) {
            JSONArray problems = new JSONArray();
            for (ApiError.Problem p : error.problems) {
                problems.put(new JSONObject().put("field", ArchiveJson.orNull(p.field())).put("message", p.message()));
            }
            detail.put("problems", problems);
        }
        return new Reply(error.status, new JSONObject().put("error", detail), error.headers);
    }

    /** A real fault: the caller learns only that it happened and a reference to quote; the log has the rest. */
    static Reply serverFault(String reference) {
        JSONObject detail = new JSONObject().put("code", "internal-error").put("message",
                "The server could not complete the request. If this persists, give your administrator the reference "
                        + reference + ".");
        return new Reply(500, new JSONObject().put("error", detail), Map.of());
    }
}
