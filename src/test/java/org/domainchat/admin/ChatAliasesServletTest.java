package org.domainchat.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.domainchat.alias.Alias;
import org.domainchat.alias.AliasBook;
import org.domainchat.directory.DirectoryUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chat aliases page over real HTTP, with a real alias book on HSQLDB: list, create, edit, delete, warnings. */
class ChatAliasesServletTest {

    private static final String PAGE = "domainchat-aliases";
    private ContactsFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new ContactsFixture();
    }

    @AfterEach
    void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Alias seedSales() throws Exception {
        return fx.seed("sales", "Sales", Set.of("alice", "bob"), null, true, Alias.Visibility.ALL, false);
    }

    /**
     * Submits the edit form as a browser would: a new alias "team" with alice, enabled, visible to all, saved, unless
     * {@code changes} (name, value, …) say otherwise; a null value leaves the field out (an unticked checkbox).
     */
    private HttpResponse<String> submit(String token, String... changes) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("domainchat_csrf", token);
        fields.put("action", "save");
        fields.put("mode", "create");
        fields.put("name", "team");
        fields.put("displayName", "The team");
        fields.put("members", "alice");
        fields.put("memberQuery", "");
        fields.put("group", "");
        fields.put("enabled", "true");
        fields.put("visibility", "all");
        fields.put("op", "save");
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                fields.remove(changes[i]);
            } else {
                fields.put(changes[i], changes[i + 1]);
            }
        }
        List<String> flat = new ArrayList<>();
        fields.forEach((k, v) -> {
            flat.add(k);
            flat.add(v);
        });
        return fx.post(PAGE, flat.toArray(String[]::new));
    }

    private Set<String> names() {
        return fx.aliases.view().byName().keySet();
    }

    @Test
    void nonAdminIsRefusedAndNothingChanges() throws Exception {
        seedSales();
        String token = fx.token(PAGE + "?action=new");
        fx.context.admin = false;
        for (String page : new String[]{PAGE, PAGE + "?action=new", PAGE + "?action=edit&name=sales",
                PAGE + "?action=delete&name=sales"}) {
            HttpResponse<String> r = fx.get(page);
            assertEquals(403, r.statusCode(), page);
            assertFalse(r.body().contains("sales"), page);
            assertFalse(r.body().contains("<form"), page);
        }
        assertEquals(403, submit(token).statusCode());
        assertEquals(403, fx.post(PAGE, "action", "delete", "name", "sales", "domainchat_csrf", token).statusCode());
        assertEquals(Set.of("sales"), names());
    }

    @Test
    void theListShowsEveryAliasWithItsSettings() throws Exception {
        seedSales();
        fx.seed("support", "Support desk", Set.of("alice"), "Support", false, Alias.Visibility.MEMBERS, true);
        fx.contacts.active = true;
        HttpResponse<String> r = fx.get(PAGE);
        assertEquals(200, r.statusCode());
        String html = r.body();
        assertTrue(html.contains("<meta name=\"pageID\" content=\"domainchat-aliases\"/>"));
        assertTrue(html.contains("<title>Chat Aliases</title>"));
        assertTrue(html.contains("an address such as sales@example.com that reaches all its online members"));
        assertTrue(html.contains("<a id=\"create-alias\" href=\"domainchat-aliases?action=new\">"));
        assertEquals(2, AdminFixture.count(html, "<tr class=\"alias\""));
        assertTrue(html.contains("<tr class=\"alias\" id=\"alias-sales\"><td>sales@example.com</td>"
                + "<td class=\"display-name\">Sales</td><td class=\"members\">2</td><td></td><td>yes</td>"
                + "<td>all domain users</td><td>no</td>"), html);
        assertTrue(html.contains("<tr class=\"alias\" id=\"alias-support\"><td>support@example.com</td>"
                + "<td class=\"display-name\">Support desk</td><td class=\"members\">3 (1 listed + group)</td>"
                + "<td>Support</td><td>no</td><td>members only</td><td>yes</td>"), html);
        assertTrue(html.contains("href=\"domainchat-aliases?action=edit&amp;name=sales\">Edit</a>"));
        assertTrue(html.contains("href=\"domainchat-aliases?action=delete&amp;name=sales\">Delete</a>"));
        assertFalse(html.contains("id=\"inactive\""), "domain chat is on");
        assertFalse(html.contains("taken-warning"));
        assertFalse(html.contains("<form"), "the list changes nothing by itself");
        assertFalse(html.contains("???"));
    }

    @Test
    void anEmptyListAndAnInactiveDomainChatAreExplained() throws Exception {
        String html = fx.get(PAGE).body();
        assertEquals("There are no chat aliases yet.", ContactsFixture.elementById(html, "p", "no-aliases"));
        String inactive = ContactsFixture.elementById(html, "div", "inactive");
        assertNotNull(inactive, html);
        assertTrue(inactive.contains("Domain chat is off: aliases are no one&#39;s contact"), inactive);
        assertTrue(inactive.contains("<a href=\"domainchat-settings\">Domain chat settings</a>"));
    }

    @Test
    void createsAnAlias() throws Exception {
        HttpResponse<String> form = fx.get(PAGE + "?action=new");
        assertEquals(200, form.statusCode());
        String html = form.body();
        assertTrue(html.contains("<title>Create Chat Alias</title>"));
        assertTrue(html.contains("<input type=\"text\" id=\"name\" name=\"name\" size=\"30\" value=\"\"/>"
                + "@example.com"));
        assertTrue(html.contains("name=\"mode\" value=\"create\""));
        assertTrue(html.contains("id=\"enabled\" name=\"enabled\" value=\"true\" checked"), "new aliases are on");
        assertTrue(html.contains("id=\"visibility-all\" name=\"visibility\" value=\"all\" checked"));
        assertTrue(html.contains("id=\"storeOffline\" name=\"storeOffline\" value=\"true\"/>"));
        assertTrue(html.contains("<option value=\"\" selected>(no group)</option><option value=\"Sales\">Sales"
                + "</option><option value=\"Support\">Support</option></select>"), html);
        assertEquals(1, AdminFixture.count(html, "name=\"domainchat_csrf\""));
        assertEquals(1, AdminFixture.count(html,
                "<input type=\"hidden\" name=\"csrf\" value=\"of&quot;&lt;token&gt;&amp;\"/>"));
        assertFalse(html.contains("???"));

        HttpResponse<String> saved = submit(AdminFixture.formToken(html), "name", " HelpDesk ", "displayName",
                "Help desk", "members", "alice\n Bob@Example.com, carol;\n\nalice", "group", "Support",
                "visibility", "members", "storeOffline", "true");
        assertEquals(303, saved.statusCode(), saved.body());
        assertTrue(saved.headers().firstValue("Location").orElseThrow().endsWith(PAGE + "?done=saved&name=helpdesk"));
        AliasBook.Entry entry = fx.aliases.view().entry("helpdesk").orElseThrow();
        assertEquals(new Alias("helpdesk", "Help desk", Set.of("alice", "bob", "carol"), "Support", true,
                Alias.Visibility.MEMBERS, true), entry.alias());
        assertEquals(Set.of("alice", "bob", "carol", "dave"), entry.members(), "listed members plus the group's");

        String list = fx.follow(saved).body();
        assertTrue(list.contains("<div class=\"jive-success\">The alias helpdesk@example.com has been saved.</div>"),
                list);
        assertTrue(list.contains("<td class=\"display-name\">Help desk</td><td class=\"members\">4 (3 listed + "
                + "group)</td><td>Support</td>"), list);
    }

    @Test
    void invalidAliasesAreShownAgainWithEveryProblemAndNothingIsSaved() throws Exception {
        seedSales();
        String token = fx.token(PAGE + "?action=new");

        HttpResponse<String> userName = submit(token, "name", "bob", "displayName", "Bob's <team>",
                "members", "alice\ncarol");
        assertEquals(200, userName.statusCode());
        String html = userName.body();
        assertTrue(html.contains("<div class=\"jive-error\" id=\"problems\">The alias was not saved:<ul>"), html);
        String sentence = "There is already a user called &quot;bob&quot;; an alias cannot have the same name.";
        assertTrue(html.contains("<li>" + sentence + "</li>"), html);
        assertEquals(sentence, ContactsFixture.elementById(html, "span", "error-name"));
        assertTrue(html.contains("id=\"name\" name=\"name\" size=\"30\" value=\"bob\""), "the name is kept");
        assertTrue(html.contains("name=\"displayName\" size=\"40\" value=\"Bob&#39;s &lt;team&gt;\""), html);
        assertEquals("alice\ncarol", ContactsFixture.membersText(html));
        assertTrue(html.contains("name=\"mode\" value=\"create\""));

        HttpResponse<String> characters = submit(token, "name", "Bad Name!");
        assertEquals(200, characters.statusCode());
        assertTrue(ContactsFixture.elementById(characters.body(), "span", "error-name")
                .startsWith("The alias name may contain only letters, digits, dots, dashes and underscores"));
        assertTrue(characters.body().contains("value=\"Bad Name!\""));

        HttpResponse<String> unknown = submit(token, "members", "alice\nzed\nbob@other.org");
        assertEquals(200, unknown.statusCode());
        assertEquals("There is no user called bob@other.org, zed.",
                ContactsFixture.elementById(unknown.body(), "span", "error-members"));
        assertEquals("alice\nzed\nbob@other.org", ContactsFixture.membersText(unknown.body()), "kept as typed");

        HttpResponse<String> nested = submit(token, "members", "alice, sales");
        assertEquals(200, nested.statusCode());
        assertEquals("&quot;sales&quot; is a chat alias; an alias cannot contain aliases.",
                ContactsFixture.elementById(nested.body(), "span", "error-members"));

        HttpResponse<String> noDisplayName = submit(token, "displayName", "   ");
        assertEquals(200, noDisplayName.statusCode());
        assertEquals("The alias needs a display name.",
                ContactsFixture.elementById(noDisplayName.body(), "span", "error-displayName"));

        HttpResponse<String> noGroup = submit(token, "group", "Nobody <x>");
        assertEquals(200, noGroup.statusCode());
        assertEquals("There is no group called &quot;Nobody &lt;x&gt;&quot;.",
                ContactsFixture.elementById(noGroup.body(), "span", "error-group"));
        assertTrue(noGroup.body().contains("<option value=\"Nobody &lt;x&gt;\" selected>Nobody &lt;x&gt; (no such "
                + "group any more)</option>"), noGroup.body());

        // Everything at once: every sentence, each beside its field, the unticked boxes stay unticked.
        HttpResponse<String> all = submit(token, "name", "bob", "displayName", "", "members", "sales\nzed",
                "group", "Nobody", "enabled", null, "visibility", "members");
        String page = all.body();
        assertEquals(5, AdminFixture.count(page.substring(page.indexOf("id=\"problems\""),
                page.indexOf("</ul>")), "<li>"), page);
        for (String field : new String[]{"name", "displayName", "members", "group"}) {
            assertNotNull(ContactsFixture.elementById(page, "span", "error-" + field), field);
        }
        assertTrue(page.contains("id=\"enabled\" name=\"enabled\" value=\"true\"/>"), "still unticked");
        assertTrue(page.contains("id=\"visibility-members\" name=\"visibility\" value=\"members\" checked"));
        assertFalse(page.contains("<script"));

        assertEquals(Set.of("sales"), names());
        assertEquals("Sales", fx.aliases.view().entry("sales").orElseThrow().alias().displayName());
    }

    @Test
    void creatingAnAliasThatExistsIsRefused() throws Exception {
        seedSales();
        HttpResponse<String> r = submit(fx.token(PAGE + "?action=new"), "name", "Sales", "displayName", "Other");
        assertEquals(200, r.statusCode());
        assertEquals("An alias called sales@example.com exists already. Edit it from the list, or choose another "
                + "name.", ContactsFixture.elementById(r.body(), "span", "error-name"));
        assertEquals("Sales", fx.aliases.view().entry("sales").orElseThrow().alias().displayName());
    }

    @Test
    void editsAnAliasButNotItsAddress() throws Exception {
        seedSales();
        HttpResponse<String> form = fx.get(PAGE + "?action=edit&name=sales");
        assertEquals(200, form.statusCode());
        String html = form.body();
        assertTrue(html.contains("<title>Edit Chat Alias</title>"));
        assertTrue(html.contains("<strong id=\"name\">sales@example.com</strong><input type=\"hidden\" name=\"name\" "
                + "value=\"sales\"/>"), html);
        assertFalse(html.contains("type=\"text\" id=\"name\""), "the local part is read-only");
        assertTrue(html.contains("name=\"mode\" value=\"edit\""));
        assertTrue(html.contains("name=\"displayName\" size=\"40\" value=\"Sales\""));
        assertEquals("alice\nbob", ContactsFixture.membersText(html));
        assertTrue(html.contains("id=\"enabled\" name=\"enabled\" value=\"true\" checked"));

        HttpResponse<String> saved = submit(AdminFixture.formToken(html), "mode", "edit", "name", "sales",
                "displayName", "Sales team EU", "members", "carol\ndave", "enabled", null, "group", "Sales",
                "visibility", "members", "storeOffline", "true");
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals(new Alias("sales", "Sales team EU", Set.of("carol", "dave"), "Sales", false,
                Alias.Visibility.MEMBERS, true), fx.aliases.view().entry("sales").orElseThrow().alias());
        assertEquals(Set.of("sales"), names());
        String list = fx.follow(saved).body();
        assertTrue(list.contains("The alias sales@example.com has been saved."));
        assertTrue(list.contains("<td class=\"members\">4 (2 listed + group)</td><td>Sales</td><td>no</td>"), list);

        // Editing an alias that was deleted in the meantime does not bring it back.
        HttpResponse<String> ghost = submit(AdminFixture.formToken(html), "mode", "edit", "name", "ghost");
        assertEquals(200, ghost.statusCode());
        assertTrue(ghost.body().contains("<li>The alias ghost@example.com no longer exists; it may have been "
                + "deleted in the meantime.</li>"), ghost.body());
        assertEquals(Set.of("sales"), names());

        HttpResponse<String> missing = fx.get(PAGE + "?action=edit&name=" + q("nope<b>"));
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("There is no chat alias called &quot;nope&lt;b&gt;&quot;."));
    }

    @Test
    void deletingNeedsTheConfirmationFormAndItsToken() throws Exception {
        seedSales();
        HttpResponse<String> confirm = fx.get(PAGE + "?action=delete&name=sales");
        assertEquals(200, confirm.statusCode());
        String html = confirm.body();
        assertEquals("<strong>Delete the chat alias sales@example.com (Sales)?</strong>",
                ContactsFixture.elementById(html, "p", "confirm-question"));
        assertTrue(html.contains("name=\"action\" value=\"delete\""));
        assertTrue(html.contains("<input type=\"hidden\" name=\"name\" value=\"sales\"/>"));
        assertEquals(Set.of("sales"), names(), "showing the question deletes nothing");

        String token = AdminFixture.formToken(html);
        assertEquals(403, fx.post(PAGE, "action", "delete", "name", "sales").statusCode());
        String wrong = token.substring(1) + (token.charAt(0) == 'A' ? 'B' : 'A');
        assertEquals(403, fx.post(PAGE, "action", "delete", "name", "sales", "domainchat_csrf", wrong).statusCode());
        assertEquals(403, fx.post(PAGE, "action", "delete", "name", "sales", "csrf", TestConsole.OPENFIRE_CSRF)
                .statusCode());
        assertEquals(Set.of("sales"), names());

        HttpResponse<String> deleted = fx.post(PAGE, "action", "delete", "name", "sales", "domainchat_csrf", token);
        assertEquals(303, deleted.statusCode(), deleted.body());
        assertTrue(deleted.headers().firstValue("Location").orElseThrow().endsWith(PAGE + "?done=deleted&name=sales"));
        assertEquals(Set.of(), names());
        String list = fx.follow(deleted).body();
        assertTrue(list.contains("<div class=\"jive-success\">The alias sales@example.com has been deleted.</div>"));
        assertTrue(list.contains("There are no chat aliases yet."));

        HttpResponse<String> again = fx.post(PAGE, "action", "delete", "name", "sales", "domainchat_csrf", token);
        assertEquals(404, again.statusCode());
        assertTrue(again.body().contains("There is no chat alias called &quot;sales&quot;."));
        assertEquals(404, fx.get(PAGE + "?action=delete&name=sales").statusCode());
    }

    @Test
    void savingNeedsTheToken() throws Exception {
        String token = fx.token(PAGE + "?action=new");
        HttpResponse<String> none = submit("");
        assertEquals(403, none.statusCode());
        assertTrue(none.body().contains("Nothing was changed"));
        String wrong = token.substring(1) + (token.charAt(0) == 'A' ? 'B' : 'A');
        assertEquals(403, submit(wrong).statusCode());
        assertEquals(Set.of(), names());
        assertEquals(400, fx.post(PAGE, "action", "rename", "domainchat_csrf", token).statusCode());
    }

    @Test
    void aDisplayNameWithMarkupIsEscapedWhereverItIsShown() throws Exception {
        String evil = "<script>alert(\"x\")</script>";
        String escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;";
        HttpResponse<String> saved = submit(fx.token(PAGE + "?action=new"), "name", "xss", "displayName", evil);
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals(evil, fx.aliases.view().entry("xss").orElseThrow().alias().displayName(), "stored as typed");
        for (String page : new String[]{PAGE, PAGE + "?action=edit&name=xss", PAGE + "?action=delete&name=xss"}) {
            String html = fx.get(page).body();
            assertFalse(html.contains("<script"), page + ":\n" + html);
            assertTrue(html.contains(escaped), page + ":\n" + html);
        }
        String invalid = submit(fx.token(PAGE + "?action=new"), "name", "bad name", "displayName", evil).body();
        assertFalse(invalid.contains("<script"), invalid);
        assertTrue(invalid.contains("value=\"" + escaped + "\""));

        String done = fx.get(PAGE + "?done=saved&name=" + q("<script>x</script>")).body();
        assertTrue(done.contains("<div class=\"jive-success\">The alias has been saved.</div>"), done);
        assertFalse(done.contains("<script>x"));
    }

    @Test
    void anAliasWhoseNameIsNowAUsersIsFlagged() throws Exception {
        fx.seed("helpdesk", "Help desk", Set.of("alice"), null, true, Alias.Visibility.ALL, false);
        assertFalse(fx.get(PAGE).body().contains("taken-warning"));

        fx.contacts.addUser(new DirectoryUser("helpdesk", "Helga Desk"));
        String html = fx.get(PAGE).body();
        assertEquals(1, AdminFixture.count(html, "<div class=\"jive-error taken-warning\">"), html);
        assertTrue(html.contains("<div class=\"jive-error taken-warning\">A user called helpdesk exists; the alias "
                + "helpdesk@example.com hides that user&#39;s address. Rename or delete one of them"), html);
        assertTrue(html.contains("<td>helpdesk@example.com <strong class=\"jive-error-text\">(a user has this "
                + "name)</strong></td>"), html);
        assertTrue(html.indexOf("taken-warning") < html.indexOf("<table"), "above the list, not buried in it");

        String edit = fx.get(PAGE + "?action=edit&name=helpdesk").body();
        assertTrue(edit.contains("A user called helpdesk exists"), edit);

        fx.context.locale = Locale.GERMAN;
        assertTrue(fx.get(PAGE).body().contains("Es gibt einen Benutzer helpdesk; der Alias helpdesk@example.com "
                + "verdeckt die Adresse dieses Benutzers."));
    }

    @Test
    void theMembersPickerFindsAndAddsUsersWithoutJavaScript() throws Exception {
        String form = fx.get(PAGE + "?action=new").body();
        assertFalse(form.contains("<script"), "no script is needed");
        assertTrue(form.indexOf("id=\"find-users\"") < form.indexOf("id=\"save\""),
                "Find users is the form's first button, so Enter in a field searches instead of saving");
        String token = AdminFixture.formToken(form);

        HttpResponse<String> found = submit(token, "op", "find", "name", "crew", "displayName", "Crew",
                "members", "alice", "memberQuery", "baker", "storeOffline", "true");
        assertEquals(200, found.statusCode());
        String html = found.body();
        assertTrue(html.contains("<tr class=\"member-result\"><td>bob</td><td>Bob Baker</td><td><button "
                + "type=\"submit\" name=\"addMember\" value=\"bob\">Add</button></td></tr>"), html);
        assertTrue(html.contains("value=\"crew\""), "the form is kept");
        assertTrue(html.contains("value=\"Crew\""));
        assertTrue(html.contains("value=\"baker\""));
        assertTrue(html.contains("id=\"storeOffline\" name=\"storeOffline\" value=\"true\" checked"));
        assertEquals("alice", ContactsFixture.membersText(html));
        assertFalse(html.contains("id=\"problems\""), "searching is not saving");
        assertEquals(Set.of(), names());

        HttpResponse<String> added = submit(token, "op", null, "addMember", "bob", "name", "crew", "displayName",
                "Crew", "members", "alice", "memberQuery", "baker");
        assertEquals(200, added.statusCode());
        assertEquals("alice\nbob", ContactsFixture.membersText(added.body()));
        assertTrue(added.body().contains("<td>bob</td><td>Bob Baker</td><td>already listed</td>"), added.body());
        assertEquals(Set.of(), names());

        String many = submit(token, "op", "find", "memberQuery", "user").body();
        assertEquals(20, AdminFixture.count(many, "<tr class=\"member-result\">"));
        assertTrue(many.contains("Only the first 20 matching accounts are shown"));
        String nobody = submit(token, "op", "find", "memberQuery", "<zzz>").body();
        assertTrue(nobody.contains("No account matches &quot;&lt;zzz&gt;&quot;."), nobody);
        // A submit without the Save button (Enter in a field) never saves.
        assertEquals(200, submit(token, "op", null).statusCode());
        assertEquals(Set.of(), names());

        HttpResponse<String> saved = submit(token, "name", "crew", "displayName", "Crew", "members",
                ContactsFixture.membersText(added.body()));
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals(Set.of("alice", "bob"), fx.aliases.view().entry("crew").orElseThrow().alias().members());
    }

    @Test
    void aGroupThatNoLongerExistsStaysVisibleInTheForm() throws Exception {
        fx.seed("support", "Support", Set.of(), "Support", true, Alias.Visibility.ALL, false);
        fx.groups.remove("Support");
        fx.aliases.groupsChanged();
        String html = fx.get(PAGE + "?action=edit&name=support").body();
        assertTrue(html.contains("<option value=\"Support\" selected>Support (no such group any more)</option>"),
                html);
        assertFalse(html.contains("<option value=\"Support\">Support</option>"));
        HttpResponse<String> r = submit(AdminFixture.formToken(html), "mode", "edit", "name", "support",
                "group", "Support", "members", "");
        assertEquals(200, r.statusCode());
        assertEquals("There is no group called &quot;Support&quot;.",
                ContactsFixture.elementById(r.body(), "span", "error-group"));
    }

    @Test
    void withoutDomainChatRunningThePageSaysSo() throws Exception {
        String token = fx.token(PAGE + "?action=new");
        fx.context.contacts = null;
        for (String page : new String[]{PAGE, PAGE + "?action=new", PAGE + "?action=delete&name=sales"}) {
            HttpResponse<String> r = fx.get(page);
            assertEquals(503, r.statusCode(), page);
            assertTrue(r.body().contains("Domain chat is not running"), page);
            assertFalse(r.body().contains("<form"), page);
        }
        assertEquals(503, submit(token).statusCode());
    }

    @Test
    void germanConsoleGetsGermanTexts() throws Exception {
        seedSales();
        fx.context.locale = Locale.GERMAN;
        String list = fx.get(PAGE).body();
        assertTrue(list.contains("<title>Chat-Aliasse</title>"), list);
        assertTrue(list.contains("Chat-Alias anlegen"));
        assertTrue(list.contains("<td>alle Benutzer der Domain</td>"));
        assertTrue(list.contains("Domain Chat ist ausgeschaltet"));
        String form = fx.get(PAGE + "?action=edit&name=sales").body();
        assertTrue(form.contains("<title>Chat-Alias bearbeiten</title>"));
        assertTrue(form.contains("Anzeigename:"));
        assertTrue(form.contains("Benutzer suchen"));
        assertTrue(form.contains("Nachrichten für abgemeldete Mitglieder speichern"));
        String confirm = fx.get(PAGE + "?action=delete&name=sales").body();
        assertTrue(confirm.contains("Den Chat-Alias sales@example.com (Sales) löschen?"), confirm);
        assertTrue(confirm.contains("value=\"Alias löschen\""));
        String invalid = submit(AdminFixture.formToken(form), "name", "bob").body();
        assertTrue(invalid.contains("Der Alias wurde nicht gespeichert:"), invalid);
        for (String html : new String[]{list, form, confirm, invalid}) {
            assertFalse(html.contains("???"));
        }
    }
}
