package org.domainchat.webmail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request the API will not carry out, with the status, stable code and sentence the caller gets. Thrown from
 * anywhere in a request and turned into {@code {"error": {"code", "message"}}} by the servlet; it carries no stack
 * trace because it is an answer, not a fault.
 */
final class ApiError extends RuntimeException {

    static final String REALM = "Bearer realm=\"domainchat\"";

    final int status;
    final String code;
    final Map<String, String> headers;
    /** Each thing wrong with the request as {@code {"field", "message"}}, or empty; only some errors list them. */
    final List<Problem> problems;
    /** Where in the value at fault (the search text) the problem is, from 1; 0 when not one place. */
    final int position;

    /** One thing wrong with a request body; {@code field} is null when the problem is not one field's. */
    record Problem(String field, String message) {
    }

    private ApiError(int status, String code, String message, Map<String, String> headers) {
        this(status, code, message, headers, List.of());
    }

    private ApiError(int status, String code, String message, Map<String, String> headers, List<Problem> problems) {
        this(status, code, message, headers, problems, 0);
    }

    private ApiError(int status, String code, String message, Map<String, String> headers, List<Problem> problems,
                     int position) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
        this.problems = List.copyOf(problems);
        this.position = position;
    }

    static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message, Map.of());
    }

    /** A 400 whose answer also lists every problem found, so a caller can fix them all in one go. */
    static ApiError badRequest(String code, String message, List<Problem> problems) {
        return new ApiError(400, code, message, Map.of(), problems);
    }

    /** A 400 about one place of a typed value (the search text): {@code position} from 1, or 0 for none. */
    static ApiError badRequestAt(String code, String message, int position) {
        return new ApiError(400, code, message, Map.of(), List.of(), Math.max(0, position));
    }

    /** No credentials at all: the challenge names the scheme only (RFC 6750, 3). */
    static ApiError missingCredentials(String message) {
        return unauthorized("missing-credentials", message);
    }

    /** Credentials that are not a usable token (a wrong password, another scheme): the plain challenge. */
    static ApiError unauthorized(String code, String message) {
        return new ApiError(401, code, message, Map.of("WWW-Authenticate", REALM));
    }

    /** A Bearer token that is not good: the challenge says so, as RFC 6750 (3.1) asks. */
    static ApiError invalidToken(String code, String message) {
        return new ApiError(401, code, message,
                Map.of("WWW-Authenticate", REALM + ", error=\"invalid_token\""));
    }

    static ApiError forbidden(String code, String message) {
        return new ApiError(403, code, message, Map.of());
    }

    static ApiError chatNotActivated() {
        return forbidden("chat-not-activated", "Chat is not activated for this domain.");
    }

    static ApiError notFound(String code, String message) {
        return new ApiError(404, code, message, Map.of());
    }

    static ApiError conflict(String code, String message) {
        return new ApiError(409, code, message, Map.of());
    }

    static ApiError methodNotAllowed(String method, Set<String> allowed) {
        return new ApiError(405, "method-not-allowed", "This endpoint does not support " + method + ".",
                Map.of("Allow", String.join(", ", allowed)));
    }

    /** The request took too long to arrive; the connection is closed with the answer. */
    static ApiError requestTimeout(String code, String message) {
        return new ApiError(408, code, message, Map.of("Connection", "close"));
    }

    static ApiError bodyTooLarge(int maxBytes) {
        return new ApiError(413, "body-too-large", "The request body is larger than " + maxBytes + " bytes.",
                Map.of());
    }

    static ApiError unsupportedMediaType() {
        return new ApiError(415, "unsupported-media-type", "The request body must be JSON (Content-Type: "
                + "application/json).", Map.of());
    }

    static ApiError tooManyRequests(String code, String message, long retryAfterMillis) {
        return new ApiError(429, code, message, Map.of("Retry-After", Long.toString(seconds(retryAfterMillis))));
    }

    static ApiError unavailable(String code, String message, long retryAfterSeconds) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (retryAfterSeconds > 0) {
            headers.put("Retry-After", Long.toString(retryAfterSeconds));
        }
        return new ApiError(503, code, message, headers);
    }

    /** Whole seconds, rounded up and at least one: retrying earlier would be refused again. */
    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }
}
