package org.domainchat.admin;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.domainchat.DomainChat;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.archive.Conversation;
import org.domainchat.history.HistoryService;
import org.domainchat.search.SearchHit;
import org.domainchat.search.SearchOutcome;
import org.domainchat.search.SearchRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Search archive" page (GET only): full-text search over every archived message, and the transcript of one
 * conversation ({@code ?conversation=<id>}).
 */
public class ArchiveSearchServlet extends AdminServlet {

    static final String PAGE = "archive-search";
    static final String PAGE_ID = "domainchat-search";
    static final int PAGE_SIZE = 25;
    static final int TRANSCRIPT_PAGE = 100;
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveSearchServlet.class);

    public ArchiveSearchServlet(AdminContext context) {
        super(context);
    }

    @Override
    String pageId() {
        return PAGE_ID;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Texts t = texts();
        if (request.getParameter("conversation") != null) {
            transcript(request, response, t);
        } else {
            search(request, response, t);
        }
    }

    // ---- search ----

    /** The form's fields as given (never null; blank when absent). */
    private record Form(String q, String participant, String from, String to, String order, String cursor,
                        boolean submitted) {

        static Form of(HttpServletRequest request) {
            String q = request.getParameter("q");
            String participant = request.getParameter("participant");
            String from = request.getParameter("from");
            String to = request.getParameter("to");
            return new Form(orEmpty(q), orEmpty(participant).strip(), orEmpty(from).strip(), orEmpty(to).strip(),
                    "relevance".equals(request.getParameter("order")) ? "relevance" : "newest",
                    orEmpty(request.getParameter("cursor")).strip(),
                    q != null || participant != null || from != null || to != null);
        }

        Map<String, String> parameters() {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("q", q);
            p.put("participant", participant);
            p.put("from", from);
            p.put("to", to);
            p.put("order", order);
            return p;
        }
    }

    private void search(HttpServletRequest request, HttpServletResponse response, Texts t) throws IOException {
        Page page = new Page(t.get("search.title"), PAGE_ID);
        DomainChat core = context.core();
        if (core == null) {
            page.error(t.get("common.notRunning"));
            send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, page);
            return;
        }
        Form form = Form.of(request);
        StringBuilder b = page.body;
        b.append("<p>").append(t.html("search.intro")).append("</p>\n");
        int status = HttpServletResponse.SC_OK;
        StringBuilder results = new StringBuilder();
        if (form.submitted()) {
            ZoneId zone = ZoneId.systemDefault();
            LocalDate from = null;
            LocalDate to = null;
            String error = null;
            try {
                from = parseDate(form.from());
            } catch (DateTimeParseException e) {
                error = t.get("search.error.from", form.from());
            }
            if (error == null) {
                try {
                    to = parseDate(form.to());
                } catch (DateTimeParseException e) {
                    error = t.get("search.error.to", form.to());
                }
            }
            if (error == null && from != null && to != null && from.isAfter(to)) {
                error = t.get("search.error.range");
            }
            if (error != null) {
                page.error(error);
                status = HttpServletResponse.SC_BAD_REQUEST;
            } else {
                SearchRequest search = new SearchRequest(form.q(),
                        form.participant().isEmpty() ? null : form.participant(),
                        from == null ? null : from.atStartOfDay(zone).toInstant().toEpochMilli(),
                        to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli(),
                        "relevance".equals(form.order()) ? SearchRequest.Order.RELEVANCE : SearchRequest.Order.NEWEST,
                        form.cursor().isEmpty() ? null : form.cursor(), PAGE_SIZE);
                SearchOutcome outcome = core.search().searchAll(search);
                if (outcome instanceof SearchOutcome.Invalid invalid) {
                    String problem = t.get("search.problem." + invalid.problem().code(),
                            invalid.detail() == null ? "" : invalid.detail());
                    page.error(invalid.position() > 0
                            ? problem + " " + t.get("search.problem.position", invalid.position()) : problem);
                    status = HttpServletResponse.SC_BAD_REQUEST;
                } else if (outcome instanceof SearchOutcome.Unavailable unavailable) {
                    page.error(t.get("search.error.unavailable", unavailable.message()));
                    status = HttpServletResponse.SC_SERVICE_UNAVAILABLE;
                } else if (outcome instanceof SearchOutcome.Page hits) {
                    results(results, t, form, hits);
                }
            }
        }
        searchForm(b, t, form);
        b.append(results);
        send(response, status, page);
    }

    /** A yyyy-MM-dd date, or null when blank. */
    static LocalDate parseDate(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (!text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            throw new DateTimeParseException("not yyyy-MM-dd", text, 0);
        }
        return LocalDate.parse(text);
    }

    private static void searchForm(StringBuilder b, Texts t, Form form) {
        b.append("<div class=\"jive-contentBoxHeader\">").append(t.html("search.form.header")).append("</div>\n")
                .append("<div class=\"jive-contentBox\">\n")
                .append("<form method=\"get\" action=\"").append(PAGE).append("\">\n")
                .append("<table cellpadding=\"3\" cellspacing=\"0\" border=\"0\">\n<tbody>\n");
        field(b, "q", t.get("search.form.text"), "text", form.q(), " size=\"50\" maxlength=\"1000\"",
                t.get("search.form.textHelp"));
        field(b, "participant", t.get("search.form.participant"), "text", form.participant(), " size=\"40\"",
                t.get("search.form.participantHelp"));
        field(b, "from", t.get("search.form.from"), "date", form.from(), "", null);
        field(b, "to", t.get("search.form.to"), "date", form.to(), "", t.get("search.form.toHelp"));
        b.append("<tr><td><label for=\"order\">").append(t.html("search.form.order")).append("</label></td><td>")
                .append("<select id=\"order\" name=\"order\">")
                .append("<option value=\"newest\"").append("newest".equals(form.order()) ? " selected" : "")
                .append(">").append(t.html("search.form.order.newest")).append("</option>")
                .append("<option value=\"relevance\"").append("relevance".equals(form.order()) ? " selected" : "")
                .append(">").append(t.html("search.form.order.relevance")).append("</option>")
                .append("</select></td></tr>\n")
                .append("</tbody>\n</table>\n")
                .append("<input type=\"submit\" value=\"").append(t.html("search.form.submit")).append("\"/>\n")
                .append("</form>\n</div>\n");
    }

    private static void field(StringBuilder b, String name, String label, String type, String value, String extra,
                              String help) {
        b.append("<tr><td><label for=\"").append(name).append("\">").append(Html.escape(label))
                .append("</label></td><td><input type=\"").append(type).append("\" id=\"").append(name)
                .append("\" name=\"").append(name).append("\" value=\"").append(Html.escape(value)).append("\"")
                .append(extra).append("/>");
        if (help != null) {
            b.append(" <span class=\"jive-description\">").append(Html.escape(help)).append("</span>");
        }
        b.append("</td></tr>\n");
    }

    private static void results(StringBuilder b, Texts t, Form form, SearchOutcome.Page hits) {
        b.append("<div class=\"jive-contentBoxHeader\">").append(t.html("search.results.header")).append("</div>\n")
                .append("<div class=\"jive-contentBox\">\n<p id=\"total\">");
        if (hits.totalHits() == 0) {
            b.append(t.html("search.results.none"));
        } else if (hits.totalExact()) {
            b.append(t.html("search.results.total", t.number(hits.totalHits())));
        } else {
            b.append(t.html("search.results.totalMoreThan", t.number(hits.totalHits())));
        }
        b.append("</p>\n");
        if (!hits.hits().isEmpty()) {
            b.append("<table class=\"jive-table\" cellpadding=\"3\" cellspacing=\"0\" border=\"0\" width=\"100%\">\n")
                    .append("<thead><tr><th>").append(t.html("search.results.time")).append("</th><th>")
                    .append(t.html("search.results.from")).append("</th><th>")
                    .append(t.html("search.results.to")).append("</th><th>")
                    .append(t.html("search.results.message")).append("</th><th></th></tr></thead>\n<tbody>\n");
            for (SearchHit hit : hits.hits()) {
                b.append("<tr class=\"hit\"><td nowrap=\"nowrap\">").append(Html.escape(t.time(hit.sentAt())))
                        .append("</td><td>").append(Html.escape(hit.from()))
                        .append("</td><td>").append(Html.escape(hit.to()))
                        .append("</td><td class=\"snippet\">").append(snippet(hit.snippet()))
                        .append("</td><td nowrap=\"nowrap\"><a href=\"")
                        .append(Html.escape(PAGE + "?conversation=" + hit.conversationId())).append("\">")
                        .append(t.html("search.results.view")).append("</a></td></tr>\n");
            }
            b.append("</tbody>\n</table>\n");
        }
        if (!form.cursor().isEmpty() || hits.nextCursor() != null) {
            b.append("<p>");
            if (!form.cursor().isEmpty()) {
                b.append("<a id=\"first-page\" href=\"").append(Html.escape(link(form.parameters())))
                        .append("\">").append(t.html("search.results.firstPage")).append("</a> ");
            }
            if (hits.nextCursor() != null) {
                Map<String, String> next = form.parameters();
                next.put("cursor", hits.nextCursor());
                b.append("<a id=\"next-page\" href=\"").append(Html.escape(link(next))).append("\">")
                        .append(t.html("common.nextPage")).append("</a>");
            }
            b.append("</p>\n");
        }
        b.append("</div>\n");
    }

    /** The snippet with every fragment escaped and the matched ones marked. */
    static String snippet(List<SearchHit.Fragment> fragments) {
        if (fragments == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (SearchHit.Fragment f : fragments) {
            if (f.match()) {
                out.append("<mark>").append(Html.escape(f.text())).append("</mark>");
            } else {
                out.append(Html.escape(f.text()));
            }
        }
        return out.toString();
    }

    /** {@code archive-search?name=value&…} with the non-empty parameters, URL-encoded (escape it for HTML). */
    static String link(Map<String, String> parameters) {
        StringBuilder out = new StringBuilder(PAGE);
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

    // ---- transcript ----

    private void transcript(HttpServletRequest request, HttpServletResponse response, Texts t) throws IOException {
        Page page = new Page(t.get("transcript.title"), PAGE_ID);
        String idText = request.getParameter("conversation").strip();
        String afterText = request.getParameter("after");
        long id;
        Long after = null;
        try {
            id = Long.parseLong(idText);
            if (afterText != null && !afterText.isBlank()) {
                after = Long.parseLong(afterText.strip());
            }
        } catch (NumberFormatException e) {
            page.error(t.get("transcript.badId"));
            backToSearch(page.body, t);
            send(response, HttpServletResponse.SC_BAD_REQUEST, page);
            return;
        }
        DomainChat core = context.core();
        if (core == null) {
            page.error(t.get("common.notRunning"));
            send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, page);
            return;
        }
        Optional<HistoryService.Transcript> found;
        try {
            found = core.history().transcriptForAdmin(id, after, TRANSCRIPT_PAGE);
        } catch (SQLException e) {
            LOG.warn("Could not read conversation {} from the archive", id, e);
            page.error(t.get("transcript.failed", e.getMessage()));
            backToSearch(page.body, t);
            send(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, page);
            return;
        }
        if (found.isEmpty()) {
            page.error(t.get("transcript.notFound"));
            backToSearch(page.body, t);
            send(response, HttpServletResponse.SC_NOT_FOUND, page);
            return;
        }
        HistoryService.Transcript transcript = found.get();
        Conversation c = transcript.conversation();
        StringBuilder b = page.body;
        backToSearch(b, t);
        b.append("<div class=\"jive-contentBoxHeader\">")
                .append(t.html("transcript.header", c.parties().first(), c.parties().second())).append("</div>\n")
                .append("<div class=\"jive-contentBox\">\n<table class=\"jive-table\" cellpadding=\"3\" ")
                .append("cellspacing=\"0\" border=\"0\">\n<tbody>\n")
                .append("<tr><td>").append(t.html("transcript.parties")).append("</td><td id=\"parties\">")
                .append(Html.escape(c.parties().first())).append(", ").append(Html.escape(c.parties().second()))
                .append("</td></tr>\n")
                .append("<tr><td>").append(t.html("transcript.started")).append("</td><td>")
                .append(Html.escape(t.time(c.startedAt()))).append("</td></tr>\n")
                .append("<tr><td>").append(t.html("transcript.ended")).append("</td><td>")
                .append(Html.escape(t.time(c.endedAt()))).append("</td></tr>\n")
                .append("<tr><td>").append(t.html("transcript.count")).append("</td><td id=\"message-count\">")
                .append(Html.escape(t.number(c.messageCount()))).append("</td></tr>\n")
                .append("</tbody>\n</table>\n</div>\n");

        b.append("<div class=\"jive-contentBoxHeader\">").append(t.html("transcript.messages")).append("</div>\n")
                .append("<div class=\"jive-contentBox\">\n");
        if (transcript.messages().isEmpty()) {
            b.append("<p>").append(t.html("transcript.noMore")).append("</p>\n");
        } else {
            b.append("<table class=\"jive-table\" cellpadding=\"3\" cellspacing=\"0\" border=\"0\" width=\"100%\">\n")
                    .append("<thead><tr><th>").append(t.html("search.results.time")).append("</th><th>")
                    .append(t.html("transcript.sender")).append("</th><th>")
                    .append(t.html("search.results.message")).append("</th></tr></thead>\n<tbody>\n");
            for (ArchivedMessage m : transcript.messages()) {
                b.append("<tr class=\"message\"><td nowrap=\"nowrap\">").append(Html.escape(t.time(m.sentAt())))
                        .append("</td><td>").append(Html.escape(m.from()))
                        .append("</td><td class=\"body\" style=\"white-space: pre-wrap\">")
                        .append(Html.escape(m.body()));
                if (m.bodyTruncated()) {
                    b.append(" <em class=\"truncated\">").append(t.html("transcript.truncated")).append("</em>");
                }
                b.append("</td></tr>\n");
            }
            b.append("</tbody>\n</table>\n");
        }
        if (transcript.after() != null) {
            Map<String, String> next = new LinkedHashMap<>();
            next.put("conversation", Long.toString(id));
            next.put("after", Long.toString(transcript.after()));
            b.append("<p><a id=\"next-page\" href=\"").append(Html.escape(link(next))).append("\">")
                    .append(t.html("common.nextPage")).append("</a></p>\n");
        }
        b.append("</div>\n");
        send(response, HttpServletResponse.SC_OK, page);
    }

    private static void backToSearch(StringBuilder b, Texts t) {
        b.append("<p><a href=\"").append(PAGE).append("\">").append(t.html("transcript.back")).append("</a></p>\n");
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
