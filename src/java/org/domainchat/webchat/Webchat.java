package org.domainchat.webchat;

import java.util.Map;

/**
 * The web chat users see, as files the plugin serves on Openfire's public HTTP ports next to the webmail API:
 * under {@value #CONTEXT_PATH}, the page of its own ({@code /chat/}, sign-in with the user's password) and the
 * embeddable panel ({@code /panel.js}, {@code /panel.css}); and the API's OpenAPI description, which the API's own
 * context serves at {@code openapi.json}. Everything is read from the jar once, at start.
 */
public final class Webchat {

    public static final String CONTEXT_PATH = "/domainchat";
    /** Where the API's context serves {@link #openApiServlet()}, relative to the API's base path. */
    public static final String OPENAPI_PATH = "/openapi.json";

    /**
     * The own page's policy: scripts and styles only from this origin, no inline script, and Trusted Types
     * enforced, so a string can never reach an HTML sink (innerHTML and the like throw) even by mistake. Calls go to
     * this origin only (the API is on it), nothing may frame the page.
     */
    public static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types 'none'";

    private static final String ROOT = "org/domainchat/webchat/";

    private Webchat() {
    }

    /** The panel and the own page, to mount at {@code /*} in a context at {@link #CONTEXT_PATH}. */
    public static AssetServlet panelServlet() {
        return new AssetServlet(Map.of(
                "/chat/", page("chat.html"),
                "/chat/chat.js", file("chat.js", "text/javascript;charset=utf-8"),
                "/panel.js", file("panel.js", "text/javascript;charset=utf-8"),
                "/panel.css", file("panel.css", "text/css;charset=utf-8")),
                Map.of("/chat", "/chat/", "/chat/index.html", "/chat/"), PAGE_POLICY);
    }

    /** The webmail API's OpenAPI 3.1 description, to mount at {@link #OPENAPI_PATH} in the API's context. */
    public static AssetServlet openApiServlet() {
        return new AssetServlet(Map.of(OPENAPI_PATH, new AssetServlet.Entry(
                Asset.of("org/domainchat/webmail/openapi.json", "application/json;charset=utf-8"), false)),
                Map.of(), PAGE_POLICY);
    }

    private static AssetServlet.Entry page(String name) {
        return new AssetServlet.Entry(Asset.of(ROOT + name, "text/html;charset=utf-8"), true);
    }

    private static AssetServlet.Entry file(String name, String type) {
        return new AssetServlet.Entry(Asset.of(ROOT + name, type), false);
    }
}
