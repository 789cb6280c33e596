package org.domainchat.webmail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;

/**
 * Cross-origin access for the webmail's pages: only origins on the admin's list, matched exactly, are answered
 * with CORS headers (never {@code *}). The API's own origin (the plugin's chat page) needs no listing. A request
 * that carries any other {@code Origin} is refused outright, so a page the admin did not list cannot even trigger
 * side effects with simple requests. No cookies are involved, so {@code Access-Control-Allow-Credentials} is never
 * sent.
 */
final class Cors {

    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Last-Event-ID";
    static final String EXPOSED_HEADERS = "Retry-After, WWW-Authenticate";
    static final long PREFLIGHT_CACHE_SECONDS = 600;

    private final Supplier<List<String>> allowedOrigins;

    Cors(Supplier<List<String>> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    /**
     * The headers every answer to this request carries: none without an {@code Origin}, the CORS ones for an
     * allowed origin.
     *
     * @throws ApiError 403 {@code origin-not-allowed} for any other origin
     */
    Map<String, String> headersFor(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return Map.of();
        }
        String normalised = normalise(origin);
        if (normalised.equals(ownOrigin(request))) {
            // The plugin's own chat page, served from this very origin: not a cross-origin request at all.
            return Map.of();
        }
        for (String allowed : allowedOrigins.get()) {
            if (!allowed.isBlank() && normalise(allowed).equals(normalised) && !normalised.equals("null")
                    && !normalised.equals("*")) {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Access-Control-Allow-Origin", origin);
                headers.put("Access-Control-Expose-Headers", EXPOSED_HEADERS);
                return headers;
            }
        }
        throw ApiError.forbidden("origin-not-allowed", "Requests from " + Params.clip(origin) + " are not allowed; "
                + "an administrator can add this origin to domainchat.webmail.allowedOrigins.");
    }

    /**
     * The origin this request was sent to, as the browser names it: scheme, the Host header's host and port
     * (default ports left out). Browsers send {@code Origin} on same-origin POSTs too; only a page of this origin
     * can make it match.
     */
    static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean defaultPort = port <= 0 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String host = request.getServerName().toLowerCase(Locale.ROOT);
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    static boolean isPreflight(HttpServletRequest request) {
        return "OPTIONS".equals(request.getMethod()) && request.getHeader("Origin") != null
                && request.getHeader("Access-Control-Request-Method") != null;
    }

    /** The answer to a preflight from an allowed origin (headers beyond {@link #headersFor}). */
    static Reply preflight() {
        return new Reply(204, null, Map.of(
                "Access-Control-Allow-Methods", ALLOWED_METHODS,
                "Access-Control-Allow-Headers", ALLOWED_HEADERS,
                "Access-Control-Max-Age", Long.toString(PREFLIGHT_CACHE_SECONDS)));
    }

    /** Scheme and host are case-insensitive; a trailing slash in the admin's entry is forgiven. */
    private static String normalise(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
