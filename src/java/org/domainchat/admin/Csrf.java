package org.domainchat.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;

/**
 * The pages' own protection against cross-site request forgery, independent of Openfire's: one random token per
 * HTTP session, sent back by every form and compared in constant time on every POST.
 */
final class Csrf {

    static final String SESSION_ATTRIBUTE = "domainchat.csrf";
    static final String FIELD = "domainchat_csrf";
    /** The field Openfire's PluginServlet checks; it puts the expected value into this request attribute. */
    static final String OPENFIRE_FIELD = "csrf";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Csrf() {
    }

    /** This session's token, created on first use. */
    static String token(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        synchronized (Csrf.class) {
            Object existing = session.getAttribute(SESSION_ATTRIBUTE);
            if (existing instanceof String token && !token.isEmpty()) {
                return token;
            }
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(SESSION_ATTRIBUTE, token);
            return token;
        }
    }

    /** True when the request carries this session's token. */
    static boolean verify(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return false;
        }
        Object expected = session.getAttribute(SESSION_ATTRIBUTE);
        String given = request.getParameter(FIELD);
        if (!(expected instanceof String token) || token.isEmpty() || given == null) {
            return false;
        }
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** The hidden fields every POST form carries: ours, and Openfire's when it set one. */
    static String hiddenFields(HttpServletRequest request) {
        StringBuilder out = new StringBuilder();
        Object openfire = request.getAttribute(OPENFIRE_FIELD);
        if (openfire != null) {
            out.append("<input type=\"hidden\" name=\"").append(OPENFIRE_FIELD).append("\" value=\"")
                    .append(Html.escape(openfire.toString())).append("\"/>");
        }
        out.append("<input type=\"hidden\" name=\"").append(FIELD).append("\" value=\"")
                .append(Html.escape(token(request))).append("\"/>");
        return out.toString();
    }
}
