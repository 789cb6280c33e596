package org.domainchat.admin;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * What the domain chat pages (settings, directory visibility, aliases) share on top of {@link AdminServlet}: the
 * answer while domain chat is not running, the content boxes, and error texts placed next to a form field.
 */
abstract class ContactsAdminServlet extends AdminServlet {

    ContactsAdminServlet(AdminContext context) {
        super(context);
    }

    /** The i18n key of the page's title. */
    abstract String titleKey();

    /** The page's URL, where a refused form leads back to. */
    abstract String pageUrl();

    /** A GET while domain chat is running. */
    abstract void get(HttpServletRequest request, HttpServletResponse response, Texts t, ContactsAdmin contacts)
            throws IOException;

    /** A POST that passed the CSRF check, while domain chat is running. */
    abstract void post(HttpServletRequest request, HttpServletResponse response, Texts t, ContactsAdmin contacts)
            throws IOException;

    @Override
    protected final void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Texts t = texts();
        ContactsAdmin contacts = context.contacts();
        if (contacts == null) {
            sendNotRunning(response, t, t.get(titleKey()));
            return;
        }
        get(request, response, t, contacts);
    }

    @Override
    protected final void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!Csrf.verify(request)) {
            sendCsrfFailure(response, pageUrl());
            return;
        }
        Texts t = texts();
        ContactsAdmin contacts = context.contacts();
        if (contacts == null) {
            sendNotRunning(response, t, t.get(titleKey()));
            return;
        }
        post(request, response, t, contacts);
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
