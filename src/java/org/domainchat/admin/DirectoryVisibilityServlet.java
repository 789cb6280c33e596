package org.domainchat.admin;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.domainchat.directory.DirectoryUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Directory visibility" page: the hidden accounts ({@code domainchat.directory.hidden}) with a button to show
 * each again, and a user search with a button to hide each result. Accounts are found by search only, never listed
 * in full, because a domain can have tens of thousands. Hide and show are POSTs with this session's form token.
 */
public class DirectoryVisibilityServlet extends ContactsAdminServlet {

    static final String PAGE = "domainchat-directory";
    static final String PAGE_ID = "domainchat-directory";
    static final int RESULT_LIMIT = 50;
    static final int MAX_QUERY_LENGTH = 100;
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryVisibilityServlet.class);

    public DirectoryVisibilityServlet(AdminContext context) {
        super(context);
    }

    @Override
    String pageId() {
        return PAGE_ID;
    }

    @Override
    String titleKey() {
        return "directory.title";
    }

    @Override
    String pageUrl() {
        return PAGE;
    }

    @Override
    void get(HttpServletRequest request, HttpServletResponse response, Texts t, ContactsAdmin contacts)
            throws IOException {
        String notice = null;
        String user = orEmpty(request.getParameter("user")).strip();
        String done = orEmpty(request.getParameter("done"));
        // The name comes from the redirect's URL; it is only repeated when it is a real account.
        boolean hiddenNow = "hidden".equals(done);
        if ((hiddenNow || "shown".equals(done)) && !user.isEmpty() && contacts.isUser(user)) {
            notice = t.get(hiddenNow ? "directory.saved.hidden" : "directory.saved.shown", user);
        }
        render(request, response, t, contacts, HttpServletResponse.SC_OK, notice, null);
    }

    @Override
    void post(HttpServletRequest request, HttpServletResponse response, Texts t, ContactsAdmin contacts)
            throws IOException {
        String action = orEmpty(request.getParameter("action"));
        String username = orEmpty(request.getParameter("username")).strip();
        if ((!"hide".equals(action) && !"show".equals(action)) || username.isEmpty()) {
            render(request, response, t, contacts, HttpServletResponse.SC_BAD_REQUEST, null,
                    t.get("contacts.unknownAction"));
            return;
        }
        boolean hide = "hide".equals(action);
        if (!contacts.setHidden(username, hide)) {
            render(request, response, t, contacts, HttpServletResponse.SC_OK, null,
                    t.get("directory.noSuchUser", username));
            return;
        }
        LOG.info("An administrator {} the account {} in the domain chat directory", hide ? "hid" : "showed again",
                username);
        Map<String, String> back = new LinkedHashMap<>();
        back.put("q", orEmpty(request.getParameter("q")));
        back.put("done", hide ? "hidden" : "shown");
        back.put("user", username);
        seeOther(response, link(PAGE, back));
    }

    private void render(HttpServletRequest request, HttpServletResponse response, Texts t, ContactsAdmin contacts,
                        int status, String notice, String error) throws IOException {
        Page page = new Page(t.get("directory.title"), PAGE_ID);
        StringBuilder b = page.body;
        String query = orEmpty(request.getParameter("q"));
        b.append("<p>").append(t.html("directory.intro")).append("</p>\n");
        if (notice != null) {
            page.success(notice);
        }
        if (error != null) {
            page.error(error);
        }
        Set<String> hidden = new TreeSet<>(contacts.hiddenAccounts());
        b.append("<p id=\"account-count\">")
                .append(t.html("directory.accounts", t.number(contacts.accountCount()), t.number(hidden.size())))
                .append("</p>\n");

        openBox(b, t.get("directory.hidden.header"), "hidden-accounts");
        if (hidden.isEmpty()) {
            b.append("<p>").append(t.html("directory.hidden.none")).append("</p>\n");
        } else {
            b.append("<table class=\"jive-table\" cellpadding=\"3\" cellspacing=\"0\" border=\"0\">\n")
                    .append("<thead><tr><th>").append(t.html("directory.column.username")).append("</th><th></th>")
                    .append("</tr></thead>\n<tbody>\n");
            for (String username : hidden) {
                b.append("<tr class=\"hidden-account\"><td>").append(Html.escape(username));
                if (!contacts.isUser(username)) {
                    b.append(" <em>").append(t.html("directory.hidden.gone")).append("</em>");
                }
                b.append("</td><td>");
                button(b, request, "show", username, query, t.get("directory.button.show"));
                b.append("</td></tr>\n");
            }
            b.append("</tbody>\n</table>\n");
        }
        closeBox(b);

        openBox(b, t.get("directory.search.header"), "find-accounts");
        b.append("<form method=\"get\" action=\"").append(PAGE).append("\">\n")
                .append("<label for=\"q\">").append(t.html("directory.search.label")).append("</label> ")
                .append("<input type=\"text\" id=\"q\" name=\"q\" size=\"30\" value=\"").append(Html.escape(query))
                .append("\"/> <input type=\"submit\" value=\"").append(t.html("directory.search.submit"))
                .append("\"/>\n<br/><span class=\"jive-description\">")
                .append(t.html("directory.search.help", RESULT_LIMIT)).append("</span>\n</form>\n");
        if (request.getParameter("q") != null) {
            results(b, request, t, contacts, query, hidden);
        }
        closeBox(b);
        send(response, status, page);
    }

    private static void results(StringBuilder b, HttpServletRequest request, Texts t, ContactsAdmin contacts,
                                String query, Set<String> hidden) {
        String q = query.strip();
        if (q.isEmpty()) {
            b.append("<p id=\"search-message\">").append(t.html("directory.search.empty")).append("</p>\n");
            return;
        }
        if (q.length() > MAX_QUERY_LENGTH) {
            b.append("<p id=\"search-message\" class=\"jive-error-text\">")
                    .append(t.html("directory.search.tooLong", MAX_QUERY_LENGTH)).append("</p>\n");
            return;
        }
        // One more than shown tells whether there are more, without counting every match.
        List<DirectoryUser> found = contacts.findUsers(q, RESULT_LIMIT + 1);
        if (found.isEmpty()) {
            b.append("<p id=\"search-message\">").append(t.html("directory.search.none", q)).append("</p>\n");
            return;
        }
        boolean more = found.size() > RESULT_LIMIT;
        b.append("<p id=\"search-message\">")
                .append(more ? t.html("directory.search.more", RESULT_LIMIT) : t.html("directory.search.count",
                        t.number(found.size())))
                .append("</p>\n")
                .append("<table class=\"jive-table\" cellpadding=\"3\" cellspacing=\"0\" border=\"0\">\n")
                .append("<thead><tr><th>").append(t.html("directory.column.username")).append("</th><th>")
                .append(t.html("directory.column.name")).append("</th><th>")
                .append(t.html("directory.column.visibility")).append("</th><th></th></tr></thead>\n<tbody>\n");
        for (DirectoryUser u : found.subList(0, Math.min(found.size(), RESULT_LIMIT))) {
            boolean isHidden = hidden.contains(u.username());
            b.append("<tr class=\"found-account\"><td>").append(Html.escape(u.username())).append("</td><td>")
                    .append(Html.escape(orEmpty(u.name()))).append("</td><td>")
                    .append(t.html(isHidden ? "directory.state.hidden" : "directory.state.visible"))
                    .append("</td><td>");
            if (isHidden) {
                button(b, request, "show", u.username(), query, t.get("directory.button.show"));
            } else {
                button(b, request, "hide", u.username(), query, t.get("directory.button.hide"));
            }
            b.append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
    }

    /** A one-button form that hides or shows {@code username} and comes back to the same search. */
    private static void button(StringBuilder b, HttpServletRequest request, String action, String username,
                               String query, String label) {
        b.append("<form method=\"post\" action=\"").append(PAGE).append("\" style=\"margin:0\">")
                .append(Csrf.hiddenFields(request))
                .append("<input type=\"hidden\" name=\"action\" value=\"").append(action).append("\"/>")
                .append("<input type=\"hidden\" name=\"username\" value=\"").append(Html.escape(username))
                .append("\"/>")
                .append("<input type=\"hidden\" name=\"q\" value=\"").append(Html.escape(query)).append("\"/>")
                .append("<input type=\"submit\" class=\"").append(action).append("-button\" value=\"")
                .append(Html.escape(label)).append("\"/></form>");
    }
}
