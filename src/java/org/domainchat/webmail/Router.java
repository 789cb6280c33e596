package org.domainchat.webmail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Maps a method and a path such as {@code /contacts/{jid}/conversations} to a handler. Every path parameter has a
 * type, chosen by its name ({@code {jid}}: a bare JID, {@code {id}}: an archive id, {@code {alias}}: a chat alias's
 * name), so no handler sees an unchecked value; a template with a parameter name that has no type is refused when
 * the route is added.
 */
final class Router {

    /** Who may call a route. */
    enum Access {
        /** No authentication before the handler (it does its own, e.g. login). */
        PUBLIC,
        /** A user: session token or backend token as Bearer. */
        USER,
        /** An Openfire admin: Basic with an admin's password, or a backend token with scope {@code admin}. */
        ADMIN
    }

    /** Rate limit a route counts against. */
    enum Limit { NONE, SEND }

    @FunctionalInterface
    interface Handler {
        /** Throws {@link ApiError} for the caller's mistakes; anything else is a server fault. */
        Reply handle(ApiRequest request) throws Exception;
    }

    private static final Map<String, BiFunction<String, String, Object>> PARAM_TYPES = Map.of(
            "jid", Params::bareJid,
            "id", Params::archiveId,
            "alias", Params::aliasName);

    record Route(String method, List<String> template, Access access, Limit limit, Handler handler) {

        boolean matches(List<String> path) {
            if (path.size() != template.size()) {
                return false;
            }
            for (int i = 0; i < path.size(); i++) {
                String part = template.get(i);
                if (isParam(part) ? path.get(i).isEmpty() : !part.equals(path.get(i))) {
                    return false;
                }
            }
            return true;
        }

        int literals() {
            return (int) template.stream().filter(p -> !isParam(p)).count();
        }
    }

    /** A route and its path's raw (decoded, not yet checked) parameter values. */
    record Match(Route route, List<String> path) {

        /** Checks and converts every parameter; a bad one is the caller's mistake (400). */
        Map<String, Object> params() {
            Map<String, Object> out = new HashMap<>();
            for (int i = 0; i < path.size(); i++) {
                String part = route.template.get(i);
                if (isParam(part)) {
                    String name = part.substring(1, part.length() - 1);
                    out.put(name, PARAM_TYPES.get(name).apply(name, path.get(i)));
                }
            }
            return out;
        }
    }

    private final List<Route> routes = new ArrayList<>();

    Router get(String template, Access access, Handler handler) {
        return add("GET", template, access, Limit.NONE, handler);
    }

    Router post(String template, Access access, Limit limit, Handler handler) {
        return add("POST", template, access, limit, handler);
    }

    Router put(String template, Access access, Handler handler) {
        return add("PUT", template, access, Limit.NONE, handler);
    }

    Router delete(String template, Access access, Handler handler) {
        return add("DELETE", template, access, Limit.NONE, handler);
    }

    Router add(String method, String template, Access access, Limit limit, Handler handler) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a route template starts with /: " + template);
        }
        List<String> parts = List.of(template.substring(1).split("/", -1));
        for (String part : parts) {
            if (isParam(part) && !PARAM_TYPES.containsKey(part.substring(1, part.length() - 1))) {
                throw new IllegalArgumentException("no type for path parameter " + part + " in " + template
                        + "; known: " + PARAM_TYPES.keySet());
            }
            if (part.isEmpty() || (!isParam(part) && (part.contains("{") || part.contains("}")))) {
                throw new IllegalArgumentException("bad route template " + template);
            }
        }
        for (Route existing : routes) {
            if (existing.method.equals(method) && existing.template.equals(parts)) {
                throw new IllegalArgumentException("route added twice: " + method + " " + template);
            }
        }
        routes.add(new Route(method, parts, access, limit, handler));
        return this;
    }

    /** The route for {@code method} and {@code path}; 404 when no route has the path, 405 when none has the method. */
    Match match(String method, List<String> path) {
        Route best = null;
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            if (!route.matches(path)) {
                continue;
            }
            allowed.add(route.method);
            if (route.method.equals(method) && (best == null || route.literals() > best.literals())) {
                best = route;
            }
        }
        if (best != null) {
            return new Match(best, path);
        }
        if (allowed.isEmpty()) {
            throw ApiError.notFound("not-found", "There is no API endpoint at /"
                    + Params.clip(String.join("/", path)) + ".");
        }
        throw ApiError.methodNotAllowed(Params.clip(method), allowed);
    }

    private static boolean isParam(String part) {
        return part.length() > 2 && part.startsWith("{") && part.endsWith("}");
    }
}
