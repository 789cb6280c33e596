package org.domainchat.admin;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.servlet.http.HttpServletResponse;

/**
 * What the domain chat pages (settings, directory visibility, aliases) share on top of {@link AdminServlet}: the
 * answer while domain chat is not running, the content boxes, and error texts placed next to a form field.
 */
abstract class ContactsAdminServlet extends AdminServlet {

    ContactsAdminServlet(AdminContext context) {
        super(context);
    }

    /** Domain chat is not running: a short error and no forms, so nothing can be changed on a stale state. */
    void sendNotRunning(HttpServletResponse response, Texts t, String title) throws IOException {
        Page page = new Page(title, pageId());
        page.error(t.get("contacts.notRunning"));
        send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, page);
    }

    /** Opens a console content box; {@code header} is plain text. */
    static void openBox(StringBuilder b, String header, String id) {
        b.append("<div class=\"jive-contentBoxHeader\">").append(Html.escape(header)).append("</div>\n")
                .append("<div class=\"jive-contentBox\" id=\"").append(id).append("\">\n");
    }

    static void closeBox(StringBuilder b) {
        b.append("</div>\n");
    }

    /** The error text shown beside field {@code field}, or nothing; {@code message} is plain text. */
    static String fieldError(String field, String message) {
        if (message == null) {
            return "";
        }
        return " <span class=\"jive-error-text\" id=\"error-" + field + "\">" + Html.escape(message) + "</span>";
    }

    /** {@code page?name=value&…} with the non-empty parameters, URL-encoded (escape the result for HTML). */
    static String link(String page, Map<String, String> parameters) {
        StringBuilder out = new StringBuilder(page);
        char separator = '?';
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            if (p.getValue() == null || p.getValue().isEmpty()) {
                continue;
            }
            out.append(separator).append(p.getKey()).append('=')
                    .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return out.toString();
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
