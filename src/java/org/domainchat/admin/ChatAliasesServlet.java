package org.domainchat.admin;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.domainchat.alias.Alias;
import org.domainchat.alias.AliasBook;
import org.domainchat.alias.AliasNames;
import org.domainchat.alias.AliasProblems;
import org.domainchat.directory.DirectoryUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Chat aliases" page: the list of aliases (with a prominent warning for any alias whose name a user has since
 * been created with), the create and edit form with a members picker, and deletion behind a confirmation page.
 * GET never changes anything; every POST carries this session's form token.
 *
 * <p>The members picker works without JavaScript: "Find users" and each "Add" button submit the whole edit form,
 * which comes back with the search results or the added username and everything else as it was typed.
 */
public class ChatAliasesServlet extends ContactsAdminServlet {

    static final String PAGE = "domainchat-aliases";
    static final String PAGE_ID = "domainchat-aliases";
    static final int MEMBER_SEARCH_LIMIT = 20;
    private static final Logger LOG = LoggerFactory.getLogger(ChatAliasesServlet.class);

    public ChatAliasesServlet(AdminContext context) {
        super(context);
    }

    @Override
    String pageId() {
        return PAGE_ID;
    }

    @Override
    String titleKey() {
        return "aliases.title";
    }

    @Override
    String pageUrl() {
        return PAGE;
    }

    /** The edit form's fields as given; the members as typed, so a re-shown form loses nothing. */
    record Form(boolean creating, String name, String displayName, String membersText, String group,
                boolean enabled, Alias.Visibility visibility, boolean storeOffline, String memberQuery) {

        static Form blank() {
            return new Form(true, "", "", "", "", true, Alias.Visibility.ALL, false, "");
        }

        static Form of(Alias alias) {
            return new Form(false, alias.name(), alias.displayName(), String.join("\n", new TreeSet<>(alias.members())),
                    orEmpty(alias.group()), alias.enabled(), alias.visibility(), alias.storeOffline(), "");
        }

        static Form of(HttpServletRequest request) {
            return new Form(!"edit".equals(request.getParameter("mode")), orEmpty(request.getParameter("name")),
                    orEmpty(request.getParameter("displayName")), orEmpty(request.getParameter("members")),
                    orEmpty(request.getParameter("group")), request.getParameter("enabled") != null,
                    "members".equals(request.getParameter("visibility")) ? Alias.Visibility.MEMBERS
                            : Alias.Visibility.ALL,
                    request.getParameter("storeOffline") != null, orEmpty(request.getParameter("memberQuery")));
        }

        Alias alias(String domain) {
            return new Alias(name.strip(), displayName, parseMembers(membersText, domain),
                    group.isBlank() ? null : group.strip(), enabled, visibility, storeOffline);
        }

        /** The form with {@code username} added to the members, unless it is listed already. */
        Form adding(String username, String domain) {
            String u = username.strip().toLowerCase(Locale.ROOT);
            if (u.isEmpty() || parseMembers(membersText, domain).contains(u)) {
                return this;
            }
            String kept = membersText.stripTrailing();
            return new Form(creating, name, displayName, kept.isEmpty() ? u : kept + "\n" + u, group, enabled,
                    visibility, storeOffline, memberQuery);
        }
    }

    /** Every problem sentence, and the same sentences by the form field they concern. */
    record Problems(List<String> all, Map<String, List<String>> byField) {

        static final Problems NONE = new Problems(List.of(), Map.of());

        boolean isEmpty() {
            return all.isEmpty();
        }

        String forField(String field) {
            List<String> p = byField.get(field);
            return p == null || p.isEmpty() ? null : String.join(" ", p);
        }
    }

    /**
     * Usernames from the members box: separated by spaces, commas, semicolons or line breaks, lower case (as
     * Openfire's usernames are), and {@code user@domain} accepted for this domain.
     */
    static Set<String> parseMembers(String text, String domain) {
        Set<String> out = new LinkedHashSet<>();
        String suffix = "@" + domain.toLowerCase(Locale.ROOT);
        for (String part : text.split("[\\s,;]+")) {
            String member = part.strip().toLowerCase(Locale.ROOT);
            if (member.endsWith(suffix) && member.length() > suffix.length()) {
                member = member.substring(0, member.length() - suffix.length());
            }
            if (!member.isEmpty()) {
                out.add(member);
            }
        }
        return out;
    }

    // ---- GET ----

    @Override
    void get(HttpServletRequest request, HttpServletResponse response, Texts t, ContactsAdmin contacts)
            throws IOException {
        String action = orEmpty(request.getParameter("action"));
        String name = orEmpty(request.getParameter("name"));
        switch (action) {
            case "new" -> editPage(request, response, t, contacts, HttpServletResponse.SC_OK, Form.blank(),
                    Problems.NONE, null, false);
            case "edit" -> {
                Optional<AliasBook.Entry> entry = contacts.aliases().view().entry(name);
                if (entry.isEmpty()) {
                    listPage(request, response, t, contacts, HttpServletResponse.SC_NOT_FOUND, null,
                            t.get("aliases.error.noSuchAlias", name));
                } else {
                    editPage(request, response, t, contacts, HttpServletResponse.SC_OK,
                            Form.of(entry.get().alias()), Problems.NONE, null, false);
                }
            }
            case "delete" -> confirmDelete(request, response, t, contacts, name);
            default -> {
                String done = orEmpty(request.getParameter("done"));
                // The name comes from the redirect's URL: it is only repeated when it is a possible alias name.
                String shown = AliasNames.problem(name, u -> false).isEmpty()
                        ? contacts.aliases().address(name) : null;
                String notice = switch (done) {
                    case "saved" -> shown == null ? t.get("aliases.saved") : t.get("aliases.saved.named", shown);
                    case "deleted" -> shown == null ? t.get("aliases.deleted")
                            : t.get("aliases.deleted.named", shown);
                    default -> null;
                };
                listPage(request, response, t, contacts, HttpServletResponse.SC_OK, notice, null);
            }
        }
    }

    // ---- POST ----

    @Override
    void post(HttpServletRequest request, HttpServletResponse response, Texts t, ContactsAdmin contacts)
            throws IOException {
        String action = orEmpty(request.getParameter("action"));
        if ("save".equals(action)) {
            save(request, response, t, contacts);
        } else if ("delete".equals(action)) {
            delete(request, response, t, contacts);
        } else {
            listPage(request, response, t, contacts, HttpServletResponse.SC_BAD_REQUEST, null,
                    t.get("contacts.unknownAction"));
        }
    }

    private void save(HttpServletRequest request, HttpServletResponse response, Texts t, ContactsAdmin contacts)
            throws IOException {
        Form form = Form.of(request);
        String domain = contacts.domain();
        String added = request.getParameter("addMember");
        if (added != null) {
            form = form.adding(added, domain);
            editPage(request, response, t, contacts, HttpServletResponse.SC_OK, form, Problems.NONE, null, true);
            return;
        }
        if (!"save".equals(request.getParameter("op"))) {
            // "Find users", or Enter in a text field: the first submit button of the form is "Find users", so a
            // stray Enter never saves a half-typed alias.
            editPage(request, response, t, contacts, HttpServletResponse.SC_OK, form, Problems.NONE, null, true);
            return;
        }
        AliasBook book = contacts.aliases();
        Alias alias = form.alias(domain);
        Problems problems = problems(t, contacts, book, form, alias);
        if (!problems.isEmpty()) {
            editPage(request, response, t, contacts, HttpServletResponse.SC_OK, form, problems, null, false);
            return;
        }
        try {
            book.save(alias, contacts::isUser);
        } catch (AliasBook.InvalidAlias e) {
            // Changed between the check and the save (another admin, a new account): show the book's reasons.
            editPage(request, response, t, contacts, HttpServletResponse.SC_OK, form,
                    new Problems(e.problems(), Map.of()), null, false);
            return;
        } catch (SQLException e) {
            LOG.warn("Could not save the chat alias {}", alias.name(), e);
            editPage(request, response, t, contacts, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, form,
                    Problems.NONE, t.get("aliases.error.saveFailed", e.getMessage()), false);
            return;
        }
        String name = AliasNames.normalise(alias.name());
        LOG.info("An administrator saved the chat alias {}", book.address(name));
        Map<String, String> back = new LinkedHashMap<>();
        back.put("done", "saved");
        back.put("name", name);
        seeOther(response, link(PAGE, back));
    }

    /** The book's problem sentences, each also placed beside the field it concerns (see {@link AliasProblems}). */
    private static Problems problems(Texts t, ContactsAdmin contacts, AliasBook book, Form form, Alias alias) {
        List<String> all = new ArrayList<>();
        Map<String, List<String>> byField = new LinkedHashMap<>();
        boolean exists = book.view().entry(alias.name()).isPresent();
        if (form.creating() && exists) {
            String sentence = t.get("aliases.error.exists", book.address(alias.name()));
            all.add(sentence);
            byField.computeIfAbsent(AliasProblems.NAME, k -> new ArrayList<>()).add(sentence);
        } else if (!form.creating() && !exists) {
            all.add(t.get("aliases.error.gone", book.address(alias.name())));
        }
        for (AliasProblems.Problem p : AliasProblems.of(book, alias, contacts::isUser)) {
            all.add(p.message());
            if (p.field() != null) {
                byField.computeIfAbsent(p.field(), k -> new ArrayList<>()).add(p.message());
            }
        }
        return all.isEmpty() ? Problems.NONE : new Problems(all, byField);
    }

    private void delete(HttpServletRequest request, HttpServletResponse response, Texts t, ContactsAdmin contacts)
            throws IOException {
        String name = orEmpty(request.getParameter("name"));
        AliasBook book = contacts.aliases();
        boolean deleted;
        try {
            deleted = !name.isBlank() && book.delete(name);
        } catch (SQLException e) {
            LOG.warn("Could not delete the chat alias {}", name, e);
            listPage(request, response, t, contacts, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, null,
                    t.get("aliases.error.deleteFailed", e.getMessage()));
            return;
        }
        if (!deleted) {
            listPage(request, response, t, contacts, HttpServletResponse.SC_NOT_FOUND, null,
                    t.get("aliases.error.noSuchAlias", name));
            return;
        }
        LOG.info("An administrator deleted the chat alias {}", book.address(name));
        Map<String, String> back = new LinkedHashMap<>();
        back.put("done", "deleted");
        back.put("name", AliasNames.normalise(name));
        seeOther(response, link(PAGE, back));
    }

    // ---- pages ----

    private void listPage(HttpServletRequest request, HttpServletResponse response, Texts t, ContactsAdmin contacts,
                          int status, String notice, String error) throws IOException {
        Page page = new Page(t.get("aliases.title"), PAGE_ID);
        StringBuilder b = page.body;
        AliasBook book = contacts.aliases();
        b.append("<p>").append(t.html("aliases.intro", contacts.domain())).append("</p>\n");
        if (notice != null) {
            page.success(notice);
        }
        if (error != null) {
            page.error(error);
        }
        if (!contacts.active()) {
            b.append("<div class=\"jive-info\" id=\"inactive\">").append(t.html("aliases.inactive"))
                    .append(" <a href=\"").append(DomainChatSettingsServlet.PAGE).append("\">")
                    .append(t.html("aliases.inactive.link")).append("</a></div><br/>\n");
        }
        Set<String> taken = contacts.aliasNamesTakenByUsers();
        for (String name : taken) {
            b.append("<div class=\"jive-error taken-warning\">")
                    .append(t.html("aliases.taken", name, book.address(name))).append("</div><br/>\n");
        }

        openBox(b, t.get("aliases.list.header"), "aliases");
        b.append("<p><a id=\"create-alias\" href=\"").append(PAGE).append("?action=new\">")
                .append(t.html("aliases.create")).append("</a></p>\n");
        Map<String, AliasBook.Entry> all = book.view().byName();
        if (all.isEmpty()) {
            b.append("<p id=\"no-aliases\">").append(t.html("aliases.list.none")).append("</p>\n");
        } else {
            b.append("<table class=\"jive-table\" cellpadding=\"3\" cellspacing=\"0\" border=\"0\" width=\"100%\">\n")
                    .append("<thead><tr><th>").append(t.html("aliases.column.address")).append("</th><th>")
                    .append(t.html("aliases.column.displayName")).append("</th><th>")
                    .append(t.html("aliases.column.members")).append("</th><th>")
                    .append(t.html("aliases.column.group")).append("</th><th>")
                    .append(t.html("aliases.column.enabled")).append("</th><th>")
                    .append(t.html("aliases.column.visibility")).append("</th><th>")
                    .append(t.html("aliases.column.storeOffline")).append("</th><th></th></tr></thead>\n<tbody>\n");
            for (AliasBook.Entry entry : all.values()) {
                Alias a = entry.alias();
                String address = book.address(a.name());
                b.append("<tr class=\"alias\" id=\"alias-").append(Html.escape(a.name())).append("\"><td>")
                        .append(Html.escape(address));
                if (taken.contains(a.name())) {
                    b.append(" <strong class=\"jive-error-text\">").append(t.html("aliases.taken.short"))
                            .append("</strong>");
                }
                b.append("</td><td class=\"display-name\">").append(Html.escape(a.displayName()))
                        .append("</td><td class=\"members\">")
                        .append(Html.escape(a.group() == null
                                ? t.number(entry.members().size())
                                : t.get("aliases.list.membersWithGroup", t.number(entry.members().size()),
                                t.number(a.members().size()))))
                        .append("</td><td>").append(a.group() == null ? "" : Html.escape(a.group()))
                        .append("</td><td>").append(t.html(a.enabled() ? "aliases.yes" : "aliases.no"))
                        .append("</td><td>").append(t.html(a.visibility() == Alias.Visibility.MEMBERS
                                ? "aliases.visibility.members" : "aliases.visibility.all"))
                        .append("</td><td>").append(t.html(a.storeOffline() ? "aliases.yes" : "aliases.no"))
                        .append("</td><td nowrap=\"nowrap\"><a class=\"edit-link\" href=\"")
                        .append(Html.escape(aliasLink("edit", a.name()))).append("\">")
                        .append(t.html("aliases.edit")).append("</a> | <a class=\"delete-link\" href=\"")
                        .append(Html.escape(aliasLink("delete", a.name())))
                        .append("\">").append(t.html("aliases.delete")).append("</a></td></tr>\n");
            }
            b.append("</tbody>\n</table>\n");
        }
        closeBox(b);
        send(response, status, page);
    }

    private void editPage(HttpServletRequest request, HttpServletResponse response, Texts t, ContactsAdmin contacts,
                          int status, Form form, Problems problems, String error, boolean searching)
            throws IOException {
        AliasBook book = contacts.aliases();
        String domain = contacts.domain();
        Page page = new Page(t.get(form.creating() ? "aliases.new.title" : "aliases.editing.title"), PAGE_ID);
        StringBuilder b = page.body;
        b.append("<p><a href=\"").append(PAGE).append("\">").append(t.html("aliases.back")).append("</a></p>\n");
        if (error != null) {
            page.error(error);
        }
        if (!problems.isEmpty()) {
            b.append("<div class=\"jive-error\" id=\"problems\">").append(t.html("aliases.notSaved"))
                    .append("<ul>\n");
            for (String p : problems.all()) {
                b.append("<li>").append(Html.escape(p)).append("</li>\n");
            }
            b.append("</ul></div><br/>\n");
        }
        String normalised = AliasNames.normalise(form.name());
        if (!form.creating() && contacts.isUser(normalised)) {
            b.append("<div class=\"jive-error taken-warning\">")
                    .append(t.html("aliases.taken", normalised, book.address(normalised))).append("</div><br/>\n");
        }

        openBox(b, t.get(form.creating() ? "aliases.new.title" : "aliases.editing.title"), "alias-form");
        b.append("<form method=\"post\" action=\"").append(PAGE).append("\">\n")
                .append(Csrf.hiddenFields(request))
                .append("<input type=\"hidden\" name=\"action\" value=\"save\"/>\n")
                .append("<input type=\"hidden\" name=\"mode\" value=\"").append(form.creating() ? "create" : "edit")
                .append("\"/>\n")
                .append("<table cellpadding=\"3\" cellspacing=\"0\" border=\"0\">\n<tbody>\n");

        // Local part: editable only when creating (the address is the alias's identity).
        b.append("<tr><td valign=\"top\"><label for=\"name\">").append(t.html("aliases.field.name"))
                .append("</label></td><td>");
        if (form.creating()) {
            b.append("<input type=\"text\" id=\"name\" name=\"name\" size=\"30\" value=\"")
                    .append(Html.escape(form.name())).append("\"/>@").append(Html.escape(domain));
        } else {
            b.append("<strong id=\"name\">").append(Html.escape(book.address(form.name()))).append("</strong>")
                    .append("<input type=\"hidden\" name=\"name\" value=\"").append(Html.escape(form.name()))
                    .append("\"/>");
        }
        b.append(fieldError("name", problems.forField("name")))
                .append("<br/><span class=\"jive-description\">")
                .append(t.html(form.creating() ? "aliases.field.name.help" : "aliases.field.name.fixed",
                        AliasNames.MAX_LENGTH))
                .append("</span></td></tr>\n");

        b.append("<tr><td valign=\"top\"><label for=\"displayName\">").append(t.html("aliases.field.displayName"))
                .append("</label></td><td><input type=\"text\" id=\"displayName\" name=\"displayName\" size=\"40\" ")
                .append("value=\"").append(Html.escape(form.displayName())).append("\"/>")
                .append(fieldError("displayName", problems.forField("displayName")))
                .append("<br/><span class=\"jive-description\">").append(t.html("aliases.field.displayName.help"))
                .append("</span></td></tr>\n");

        b.append("<tr><td valign=\"top\"><label for=\"members\">").append(t.html("aliases.field.members"))
                .append("</label></td><td><textarea id=\"members\" name=\"members\" rows=\"8\" cols=\"40\">")
                .append(Html.escape(form.membersText())).append("</textarea>")
                .append(fieldError("members", problems.forField("members")))
                .append("<br/><span class=\"jive-description\">")
                .append(t.html("aliases.field.members.help", domain)).append("</span>\n");
        memberSearch(b, t, contacts, form, searching);
        b.append("</td></tr>\n");

        b.append("<tr><td valign=\"top\"><label for=\"group\">").append(t.html("aliases.field.group"))
                .append("</label></td><td><select id=\"group\" name=\"group\">")
                .append("<option value=\"\"").append(form.group().isBlank() ? " selected" : "").append(">")
                .append(t.html("aliases.field.group.none")).append("</option>");
        List<String> groups = contacts.groupNames();
        for (String g : groups) {
            b.append("<option value=\"").append(Html.escape(g)).append("\"")
                    .append(g.equals(form.group()) ? " selected" : "").append(">").append(Html.escape(g))
                    .append("</option>");
        }
        if (!form.group().isBlank() && !groups.contains(form.group())) {
            // Keep a group that no longer exists selectable, so the form shows what is stored and the save says why.
            b.append("<option value=\"").append(Html.escape(form.group())).append("\" selected>")
                    .append(t.html("aliases.field.group.unknown", form.group())).append("</option>");
        }
        b.append("</select>").append(fieldError("group", problems.forField("group")))
                .append("<br/><span class=\"jive-description\">").append(t.html("aliases.field.group.help"))
                .append("</span></td></tr>\n");

        b.append("<tr><td valign=\"top\">").append(t.html("aliases.field.enabled")).append("</td><td>")
                .append("<input type=\"checkbox\" id=\"enabled\" name=\"enabled\" value=\"true\"")
                .append(form.enabled() ? " checked" : "").append("/> <label for=\"enabled\">")
                .append(t.html("aliases.field.enabled.label")).append("</label>")
                .append("<br/><span class=\"jive-description\">").append(t.html("aliases.field.enabled.help"))
                .append("</span></td></tr>\n");

        b.append("<tr><td valign=\"top\">").append(t.html("aliases.field.visibility")).append("</td><td>");
        radio(b, "visibility-all", "all", form.visibility() == Alias.Visibility.ALL,
                t.get("aliases.visibility.all.long"));
        b.append("<br/>");
        radio(b, "visibility-members", "members", form.visibility() == Alias.Visibility.MEMBERS,
                t.get("aliases.visibility.members.long"));
        b.append("</td></tr>\n");

        b.append("<tr><td valign=\"top\">").append(t.html("aliases.field.storeOffline")).append("</td><td>")
                .append("<input type=\"checkbox\" id=\"storeOffline\" name=\"storeOffline\" value=\"true\"")
                .append(form.storeOffline() ? " checked" : "").append("/> <label for=\"storeOffline\">")
                .append(t.html("aliases.field.storeOffline.label")).append("</label>")
                .append("<br/><span class=\"jive-description\">").append(t.html("aliases.field.storeOffline.help"))
                .append("</span></td></tr>\n");

        b.append("</tbody>\n</table>\n")
                .append("<button type=\"submit\" id=\"save\" name=\"op\" value=\"save\">")
                .append(t.html("common.save")).append("</button> <a href=\"").append(PAGE).append("\">")
                .append(t.html("aliases.cancel")).append("</a>\n</form>\n");
        closeBox(b);
        send(response, status, page);
    }

    /** The members picker's search: a field, "Find users" (the form's first button) and an "Add" per result. */
    private static void memberSearch(StringBuilder b, Texts t, ContactsAdmin contacts, Form form, boolean searching) {
        b.append("<div id=\"member-search\" style=\"margin-top:6px\"><label for=\"memberQuery\">")
                .append(t.html("aliases.members.find.label")).append("</label> ")
                .append("<input type=\"text\" id=\"memberQuery\" name=\"memberQuery\" size=\"20\" value=\"")
                .append(Html.escape(form.memberQuery())).append("\"/> ")
                .append("<button type=\"submit\" id=\"find-users\" name=\"op\" value=\"find\">")
                .append(t.html("aliases.members.find")).append("</button>\n");
        String q = form.memberQuery().strip();
        if (searching && !q.isEmpty()) {
            if (q.length() > DirectoryVisibilityServlet.MAX_QUERY_LENGTH) {
                b.append("<p class=\"jive-error-text\">")
                        .append(t.html("directory.search.tooLong", DirectoryVisibilityServlet.MAX_QUERY_LENGTH))
                        .append("</p>\n");
            } else {
                List<DirectoryUser> found = contacts.findUsers(q, MEMBER_SEARCH_LIMIT + 1);
                Set<String> listed = parseMembers(form.membersText(), contacts.domain());
                if (found.isEmpty()) {
                    b.append("<p id=\"member-results\">").append(t.html("directory.search.none", q)).append("</p>\n");
                } else {
                    b.append("<table id=\"member-results\" class=\"jive-table\" cellpadding=\"3\" cellspacing=\"0\" ")
                            .append("border=\"0\">\n<tbody>\n");
                    for (DirectoryUser u : found.subList(0, Math.min(found.size(), MEMBER_SEARCH_LIMIT))) {
                        b.append("<tr class=\"member-result\"><td>").append(Html.escape(u.username()))
                                .append("</td><td>").append(Html.escape(orEmpty(u.name()))).append("</td><td>");
                        if (listed.contains(u.username())) {
                            b.append(t.html("aliases.members.listed"));
                        } else {
                            b.append("<button type=\"submit\" name=\"addMember\" value=\"")
                                    .append(Html.escape(u.username())).append("\">")
                                    .append(t.html("aliases.members.add")).append("</button>");
                        }
                        b.append("</td></tr>\n");
                    }
                    b.append("</tbody>\n</table>\n");
                    if (found.size() > MEMBER_SEARCH_LIMIT) {
                        b.append("<p>").append(t.html("directory.search.more", MEMBER_SEARCH_LIMIT)).append("</p>\n");
                    }
                }
            }
        }
        b.append("</div>\n");
    }

    /** {@code domainchat-aliases?action=…&name=…} (escape it for HTML). */
    static String aliasLink(String action, String name) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("action", action);
        p.put("name", name);
        return link(PAGE, p);
    }

    private static void radio(StringBuilder b, String id, String value, boolean checked, String label) {
        b.append("<input type=\"radio\" id=\"").append(id).append("\" name=\"visibility\" value=\"").append(value)
                .append("\"").append(checked ? " checked" : "").append("/> <label for=\"").append(id).append("\">")
                .append(Html.escape(label)).append("</label>");
    }

    private void confirmDelete(HttpServletRequest request, HttpServletResponse response, Texts t,
                               ContactsAdmin contacts, String name) throws IOException {
        AliasBook book = contacts.aliases();
        Optional<AliasBook.Entry> entry = book.view().entry(name);
        if (entry.isEmpty()) {
            listPage(request, response, t, contacts, HttpServletResponse.SC_NOT_FOUND, null,
                    t.get("aliases.error.noSuchAlias", name));
            return;
        }
        Alias a = entry.get().alias();
        Page page = new Page(t.get("aliases.confirmDelete.title"), PAGE_ID);
        StringBuilder b = page.body;
        openBox(b, t.get("aliases.confirmDelete.title"), "confirm-delete");
        b.append("<p id=\"confirm-question\"><strong>")
                .append(t.html("aliases.confirmDelete.question", book.address(a.name()), a.displayName()))
                .append("</strong></p>\n<p>").append(t.html("aliases.confirmDelete.text")).append("</p>\n")
                .append("<form method=\"post\" action=\"").append(PAGE).append("\">\n")
                .append(Csrf.hiddenFields(request))
                .append("<input type=\"hidden\" name=\"action\" value=\"delete\"/>\n")
                .append("<input type=\"hidden\" name=\"name\" value=\"").append(Html.escape(a.name())).append("\"/>\n")
                .append("<input type=\"submit\" id=\"confirm-delete-button\" value=\"")
                .append(t.html("aliases.confirmDelete.button")).append("\"/> <a href=\"").append(PAGE).append("\">")
                .append(t.html("aliases.cancel")).append("</a>\n</form>\n");
        closeBox(b);
        send(response, HttpServletResponse.SC_OK, page);
    }
}
