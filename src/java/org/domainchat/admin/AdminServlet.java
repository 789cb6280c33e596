package org.domainchat.admin;

import java.io.IOException;
import java.io.PrintWriter;

import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both admin pages share: the administrator check, texts, the page frame that Openfire's admin console
 * decorates, and a short error page instead of a stack trace when something fails.
 */
abstract class AdminServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServlet.class);

    protected final AdminContext context;

    AdminServlet(AdminContext context) {
        if (context == null) {
            throw new IllegalArgumentException("context");
        }
        this.context = context;
    }

    /** The admin console menu item this page belongs to (plugin.xml). */
    abstract String pageId();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        boolean admin;
        try {
            admin = context.isAdmin(request);
        } catch (RuntimeException e) {
            LOG.warn("Could not check whether the request comes from an administrator", e);
            admin = false;
        }
        if (!admin) {
            sendForbidden(response);
            return;
        }
        if (request.getCharacterEncoding() == null) {
            request.setCharacterEncoding("UTF-8");
        }
        try {
            super.service(request, response);
        } catch (RuntimeException e) {
            LOG.error("The domainchat admin page {} failed", request.getRequestURI(), e);
            if (!response.isCommitted()) {
                response.reset();
                String title = "Error";
                String text = "The page could not be shown (" + e.getClass().getSimpleName()
                        + "). The details are in the Openfire log.";
                try {
                    Texts t = texts();
                    title = t.get("common.failure.title");
                    text = t.get("common.failure", e.getClass().getSimpleName());
                } catch (RuntimeException ignored) {
                    // the English fallback above
                }
                Page page = new Page(title, pageId());
                page.error(text);
                send(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, page);
            }
        }
    }

    Texts texts() {
        return Texts.load(context.locale(), getClass().getClassLoader());
    }

    /** A short plain page for requests that do not come from an administrator. */
    void sendForbidden(HttpServletResponse response) throws IOException {
        String text;
        try {
            text = texts().get("common.forbidden");
        } catch (RuntimeException e) {
            text = "Forbidden: this page is for administrators only.";
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(text + "\n");
    }

    /** The answer to a POST without this session's form token: nothing is changed. */
    void sendCsrfFailure(HttpServletResponse response, String backUrl) throws IOException {
        Texts t = texts();
        Page page = new Page(t.get("common.csrf.title"), pageId());
        page.error(t.get("common.csrf.failed"));
        page.body.append("<p><a href=\"").append(Html.escape(backUrl)).append("\">")
                .append(t.html("common.csrf.back")).append("</a></p>\n");
        send(response, HttpServletResponse.SC_FORBIDDEN, page);
    }

    static void send(HttpServletResponse response, int status, Page page) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        PrintWriter out = response.getWriter();
        out.write(page.render());
        out.flush();
    }

    /** Post/Redirect/Get: a 303 to {@code location}, relative to this page. */
    static void seeOther(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
        response.setContentLength(0);
    }

    /** A full HTML document; Openfire's sitemesh wraps its body in the console layout, chosen by pageID. */
    static final class Page {
        private final String title;
        private final String pageId;
        final StringBuilder head = new StringBuilder();
        final StringBuilder body = new StringBuilder();

        Page(String title, String pageId) {
            this.title = title;
            this.pageId = pageId;
        }

        /** A success box; {@code text} is plain text. */
        void success(String text) {
            body.append("<div class=\"jive-success\">").append(Html.escape(text)).append("</div><br/>\n");
        }

        /** An error box; {@code text} is plain text. */
        void error(String text) {
            body.append("<div class=\"jive-error\">").append(Html.escape(text)).append("</div><br/>\n");
        }

        /** A neutral notice; {@code text} is plain text. */
        void info(String text) {
            body.append("<div class=\"jive-info\">").append(Html.escape(text)).append("</div><br/>\n");
        }

        String render() {
            return "<!DOCTYPE html>\n<html>\n<head>\n<title>" + Html.escape(title) + "</title>\n"
                    + "<meta name=\"pageID\" content=\"" + Html.escape(pageId) + "\"/>\n"
                    + head
                    + "</head>\n<body>\n" + body + "</body>\n</html>\n";
        }
    }
}
