package org.domainchat.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import org.domainchat.directory.DirectoryUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The directory visibility page over real HTTP: hidden accounts, user search, hide and show again. */
class DirectoryVisibilityServletTest {

    private static final String PAGE = "domainchat-directory";
    private static final String ACCOUNTS = "10,007"; // 7 named accounts and 10,000 numbered ones
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

    @Test
    void nonAdminIsRefusedAndNothingChanges() throws Exception {
        String token = fx.token(PAGE + "?q=alice");
        fx.context.admin = false;
        for (String page : new String[]{PAGE, PAGE + "?q=alice"}) {
            HttpResponse<String> r = fx.get(page);
            assertEquals(403, r.statusCode(), page);
            assertFalse(r.body().contains("Alice Archer"), page);
            assertFalse(r.body().contains("<form"), page);
        }
        assertEquals(403, fx.post(PAGE, "action", "hide", "username", "admin", "domainchat_csrf", token)
                .statusCode());
        assertEquals(Set.of(), fx.contacts.hiddenAccounts());
    }

    @Test
    void showsTheExplanationTheCountsAndNoAccountListInFull() throws Exception {
        HttpResponse<String> r = fx.get(PAGE);
        assertEquals(200, r.statusCode());
        String html = r.body();
        assertTrue(html.contains("<meta name=\"pageID\" content=\"domainchat-directory\"/>"));
        assertTrue(html.contains("<title>Directory Visibility</title>"));
        assertTrue(html.contains("such as service accounts or the administrator: a hidden account is no one&#39;s "
                + "contact."), html);
        assertEquals("Accounts on this server: " + ACCOUNTS + ". Hidden: 0.",
                ContactsFixture.elementById(html, "p", "account-count"));
        assertTrue(html.contains("No account is hidden."));
        assertTrue(html.contains("<form method=\"get\" action=\"domainchat-directory\">"));
        assertTrue(html.contains("Shows at most 50 matching accounts."));
        assertFalse(html.contains("found-account"), "nothing is listed before a search");
        assertFalse(html.contains("user00001"));
        assertFalse(html.contains("Alice Archer"));
        assertFalse(html.contains("???"));
    }

    @Test
    void findsAccountsByUsernameOrNameIgnoringCase() throws Exception {
        String byName = fx.get(PAGE + "?q=archer").body();
        assertEquals(1, AdminFixture.count(byName, "<tr class=\"found-account\">"), byName);
        assertTrue(byName.contains("<td>alice</td><td>Alice Archer</td><td>shown</td>"), byName);
        assertEquals("Matching accounts: 1", ContactsFixture.elementById(byName, "p", "search-message"));
        assertTrue(byName.contains("value=\"archer\""), "the search box keeps the text");
        assertTrue(byName.contains("class=\"hide-button\" value=\"Hide\""));

        String byUsername = fx.get(PAGE + "?q=BOB").body();
        assertTrue(byUsername.contains("<td>bob</td><td>Bob Baker</td>"), byUsername);
        String withoutName = fx.get(PAGE + "?q=mailer").body();
        assertTrue(withoutName.contains("<td>mailer</td><td></td>"), withoutName);

        String none = fx.get(PAGE + "?q=zzz").body();
        assertEquals("No account matches &quot;zzz&quot;.", ContactsFixture.elementById(none, "p",
                "search-message"));
        String blank = fx.get(PAGE + "?q=+").body();
        assertEquals("Enter part of a username or name.", ContactsFixture.elementById(blank, "p",
                "search-message"));
        assertFalse(blank.contains("found-account"));
        String tooLong = fx.get(PAGE + "?q=" + "x".repeat(101)).body();
        assertTrue(tooLong.contains("The search text is too long (at most 100 characters)."), tooLong);
    }

    @Test
    void aSearchShowsAtMostFiftyAccountsAndSaysWhenThereAreMore() throws Exception {
        HttpResponse<String> r = fx.get(PAGE + "?q=user");
        assertEquals(200, r.statusCode());
        String html = r.body();
        assertEquals(50, AdminFixture.count(html, "<tr class=\"found-account\">"));
        assertEquals("Only the first 50 matching accounts are shown; more accounts match. Make the search more "
                + "specific.", ContactsFixture.elementById(html, "p", "search-message"));
        String exact = fx.get(PAGE + "?q=user10000").body();
        assertEquals(1, AdminFixture.count(exact, "<tr class=\"found-account\">"));
        assertTrue(exact.contains("<td>user10000</td><td>Test User 10000</td>"));
        // Exactly fifty is all there is; the fifty-first makes "more".
        for (int i = 1; i <= 50; i++) {
            fx.contacts.addUser(new DirectoryUser("fifty" + i, null));
        }
        String fifty = fx.get(PAGE + "?q=fifty").body();
        assertEquals(50, AdminFixture.count(fifty, "<tr class=\"found-account\">"));
        assertEquals("Matching accounts: 50", ContactsFixture.elementById(fifty, "p", "search-message"));
        fx.contacts.addUser(new DirectoryUser("fifty51", null));
        String more = fx.get(PAGE + "?q=fifty").body();
        assertEquals(50, AdminFixture.count(more, "<tr class=\"found-account\">"));
        assertTrue(ContactsFixture.elementById(more, "p", "search-message").startsWith("Only the first 50"));
    }

    @Test
    void searchTextAndNamesAreEscaped() throws Exception {
        String typed = "\"><script>x</script>";
        String html = fx.get(PAGE + "?q=" + q(typed)).body();
        assertFalse(html.contains("<script"), html);
        assertTrue(html.contains("value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""), html);
        assertTrue(html.contains("No account matches &quot;&quot;&gt;&lt;script&gt;x&lt;/script&gt;&quot;."));

        String mallory = fx.get(PAGE + "?q=mallory").body();
        assertFalse(mallory.contains(ContactsFixture.MARKUP_NAME), mallory);
        assertTrue(mallory.contains("<td>&lt;img src=x onerror=alert(1)&gt;</td>"), mallory);
    }

    @Test
    void hideAndShowAgainComeBackToTheSameSearch() throws Exception {
        String search = fx.get(PAGE + "?q=adm").body();
        assertTrue(search.contains("<td>admin</td><td>Administrator</td><td>shown</td>"), search);
        String token = AdminFixture.formToken(search);
        HttpResponse<String> hide = fx.post(PAGE, "action", "hide", "username", "admin", "q", "adm",
                "domainchat_csrf", token);
        assertEquals(303, hide.statusCode(), hide.body());
        assertTrue(hide.headers().firstValue("Location").orElseThrow()
                .endsWith(PAGE + "?q=adm&done=hidden&user=admin"));
        assertEquals(Set.of("admin"), fx.contacts.hiddenAccounts());

        String after = fx.follow(hide).body();
        assertTrue(after.contains("<div class=\"jive-success\">admin is now hidden: no one sees this account as a "
                + "contact.</div>"), after);
        assertEquals("Accounts on this server: " + ACCOUNTS + ". Hidden: 1.",
                ContactsFixture.elementById(after, "p", "account-count"));
        assertEquals(1, AdminFixture.count(after, "<tr class=\"hidden-account\"><td>admin</td>"), after);
        assertTrue(after.contains("<td>admin</td><td>Administrator</td><td>hidden</td>"), "the search is shown again");
        assertEquals(2, AdminFixture.count(after, "class=\"show-button\" value=\"Show again\""));
        assertFalse(after.contains("No account is hidden."));

        HttpResponse<String> show = fx.post(PAGE, "action", "show", "username", "admin", "q", "",
                "domainchat_csrf", token);
        assertEquals(303, show.statusCode());
        assertTrue(show.headers().firstValue("Location").orElseThrow().endsWith(PAGE + "?done=shown&user=admin"));
        assertEquals(Set.of(), fx.contacts.hiddenAccounts());
        String shown = fx.follow(show).body();
        assertTrue(shown.contains("<div class=\"jive-success\">admin is no longer hidden.</div>"), shown);
        assertTrue(shown.contains("No account is hidden."));
    }

    @Test
    void aHiddenAccountThatWasDeletedIsMarked() throws Exception {
        String token = fx.token(PAGE + "?q=alice");
        assertEquals(303, fx.post(PAGE, "action", "hide", "username", "mailer", "domainchat_csrf", token)
                .statusCode());
        fx.contacts.removeUser("mailer");
        String html = fx.get(PAGE).body();
        assertTrue(html.contains("<tr class=\"hidden-account\"><td>mailer <em>(no such account any more)</em>"),
                html);
    }

    @Test
    void hidingSomeoneWhoIsNoUserSaysSoAndChangesNothing() throws Exception {
        String token = fx.token(PAGE + "?q=alice");
        HttpResponse<String> r = fx.post(PAGE, "action", "hide", "username", "nobody<b>", "q", "nob",
                "domainchat_csrf", token);
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<div class=\"jive-error\">There is no user called &quot;nobody&lt;b&gt;&quot;. "
                + "Nothing was changed.</div>"), r.body());
        assertTrue(r.body().contains("value=\"nob\""), "the search is kept");
        assertEquals(400, fx.post(PAGE, "action", "hide", "username", " ", "domainchat_csrf", token).statusCode());
        assertEquals(400, fx.post(PAGE, "action", "purge", "username", "bob", "domainchat_csrf", token)
                .statusCode());
        assertEquals(Set.of(), fx.contacts.hiddenAccounts());
    }

    @Test
    void postWithoutOrWithAWrongTokenIsRefusedAndChangesNothing() throws Exception {
        String token = fx.token(PAGE + "?q=alice");
        HttpResponse<String> none = fx.post(PAGE, "action", "hide", "username", "admin");
        assertEquals(403, none.statusCode());
        assertTrue(none.body().contains("Nothing was changed"));
        String wrong = token.substring(1) + (token.charAt(0) == 'A' ? 'B' : 'A');
        assertEquals(403, fx.post(PAGE, "action", "hide", "username", "admin", "domainchat_csrf", wrong)
                .statusCode());
        assertEquals(403, fx.post(PAGE, "action", "hide", "username", "admin", "csrf", TestConsole.OPENFIRE_CSRF)
                .statusCode());
        assertEquals(Set.of(), fx.contacts.hiddenAccounts());
    }

    @Test
    void aConfirmationIsOnlyRepeatedForARealAccount() throws Exception {
        String html = fx.get(PAGE + "?done=hidden&user=" + q("<script>x</script>")).body();
        assertFalse(html.contains("jive-success"));
        assertFalse(html.contains("<script"));
    }

    @Test
    void withoutDomainChatRunningThePageSaysSo() throws Exception {
        String token = fx.token(PAGE + "?q=alice");
        fx.context.contacts = null;
        HttpResponse<String> r = fx.get(PAGE + "?q=alice");
        assertEquals(503, r.statusCode());
        assertTrue(r.body().contains("Domain chat is not running"));
        assertFalse(r.body().contains("<form"));
        assertEquals(503, fx.post(PAGE, "action", "hide", "username", "admin", "domainchat_csrf", token)
                .statusCode());
    }

    @Test
    void germanConsoleGetsGermanTexts() throws Exception {
        fx.context.locale = Locale.GERMAN;
        String html = fx.get(PAGE + "?q=user").body();
        assertTrue(html.contains("<title>Sichtbarkeit im Verzeichnis</title>"), html);
        assertTrue(html.contains("Konten auf diesem Server: 10.007. Ausgeblendet: 0."), html);
        assertTrue(html.contains("Kein Konto ist ausgeblendet."));
        assertTrue(html.contains("Nur die ersten 50 passenden Konten werden gezeigt"));
        assertTrue(html.contains("value=\"Ausblenden\""));
        assertFalse(html.contains("???"));
        String token = AdminFixture.formToken(html);
        HttpResponse<String> hide = fx.post(PAGE, "action", "hide", "username", "admin", "domainchat_csrf", token);
        String after = fx.follow(hide).body();
        assertTrue(after.contains("admin ist jetzt ausgeblendet"), after);
        assertTrue(after.contains("value=\"Wieder anzeigen\""));
    }
}
