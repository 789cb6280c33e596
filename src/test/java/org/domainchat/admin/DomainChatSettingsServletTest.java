package org.domainchat.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The domain chat settings page over real HTTP: activation switch and contact group names. */
class DomainChatSettingsServletTest {

    private static final String PAGE = "domainchat-settings";
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

    private void assertUnchanged() {
        assertFalse(fx.contacts.active);
        assertEquals("", fx.contacts.directoryGroup);
        assertEquals("Aliases", fx.contacts.aliasGroup);
    }

    @Test
    void nonAdminIsRefusedAndNothingChanges() throws Exception {
        String token = fx.token(PAGE);
        fx.context.admin = false;
        HttpResponse<String> page = fx.get(PAGE);
        assertEquals(403, page.statusCode());
        assertFalse(page.body().contains("<form"));
        assertFalse(page.body().contains("Aliases"));
        assertEquals(403, fx.post(PAGE, "action", "activation", "active", "true", "domainchat_csrf", token)
                .statusCode());
        assertEquals(403, fx.post(PAGE, "action", "groups", "directoryGroup", "X", "aliasGroup", "Y",
                "domainchat_csrf", token).statusCode());
        assertUnchanged();
    }

    @Test
    void showsTheSwitchWithWhatItDoesAndTheGroupNames() throws Exception {
        HttpResponse<String> r = fx.get(PAGE);
        assertEquals(200, r.statusCode());
        String html = r.body();
        assertTrue(html.contains("<meta name=\"pageID\" content=\"domainchat-settings\"/>"));
        assertTrue(html.contains("<title>Domain Chat Settings</title>"));
        assertEquals("<strong>Domain chat is off.</strong>", ContactsFixture.elementById(html, "p", "active-state"));
        assertTrue(html.contains("every user sees every other user of the domain and the chat aliases as contacts, "
                + "with their live status"), html);
        assertTrue(html.contains("no contacts and no aliases are added to anyone&#39;s contact list, and messages to "
                + "alias addresses are answered with &quot;Chat is not activated for this domain&quot;"), html);
        assertTrue(html.contains("Archiving is always on, whether domain chat is on or off"));
        assertTrue(html.contains("name=\"active\" value=\"true\""));
        assertTrue(html.contains("value=\"Turn domain chat on\""));
        assertTrue(html.contains("id=\"directoryGroup\" name=\"directoryGroup\" size=\"40\" value=\"\""), html);
        assertTrue(html.contains("id=\"aliasGroup\" name=\"aliasGroup\" size=\"40\" value=\"Aliases\""), html);
        assertTrue(html.contains("Leave empty to use the domain name (example.com)."));
        // Both forms carry our token and Openfire's (escaped).
        assertEquals(2, AdminFixture.count(html, "name=\"domainchat_csrf\""));
        assertEquals(2, AdminFixture.count(html,
                "<input type=\"hidden\" name=\"csrf\" value=\"of&quot;&lt;token&gt;&amp;\"/>"));
        assertFalse(html.contains("???"), "every text is defined");
    }

    @Test
    void activationTogglesAndIsConfirmed() throws Exception {
        String token = fx.token(PAGE);
        HttpResponse<String> on = fx.post(PAGE, "action", "activation", "active", "true", "domainchat_csrf", token);
        assertEquals(303, on.statusCode(), on.body());
        assertTrue(on.headers().firstValue("Location").orElseThrow().endsWith(PAGE + "?done=on"));
        assertTrue(fx.contacts.active());
        String after = fx.follow(on).body();
        assertTrue(after.contains("<div class=\"jive-success\">Saved: domain chat is now on.</div>"), after);
        assertEquals("<strong>Domain chat is on.</strong>", ContactsFixture.elementById(after, "p", "active-state"));
        assertTrue(after.contains("value=\"Turn domain chat off\""));
        assertTrue(after.contains("name=\"active\" value=\"false\""));

        HttpResponse<String> off = fx.post(PAGE, "action", "activation", "active", "false", "domainchat_csrf",
                token);
        assertEquals(303, off.statusCode());
        assertFalse(fx.contacts.active());
        assertTrue(fx.follow(off).body().contains("Saved: domain chat is now off."));
        // The button says what to set, so a page left open after someone else's change cannot flip it back.
        assertEquals(303, fx.post(PAGE, "action", "activation", "active", "false", "domainchat_csrf", token)
                .statusCode());
        assertFalse(fx.contacts.active());
    }

    @Test
    void postWithoutOrWithAWrongTokenIsRefusedAndChangesNothing() throws Exception {
        String token = fx.token(PAGE);
        HttpResponse<String> none = fx.post(PAGE, "action", "activation", "active", "true");
        assertEquals(403, none.statusCode());
        assertTrue(none.body().contains("Nothing was changed"), none.body());
        String wrong = token.substring(1) + (token.charAt(0) == 'A' ? 'B' : 'A');
        assertEquals(403, fx.post(PAGE, "action", "activation", "active", "true", "domainchat_csrf", wrong)
                .statusCode());
        assertEquals(403, fx.post(PAGE, "action", "groups", "directoryGroup", "X", "aliasGroup", "Y",
                "domainchat_csrf", "").statusCode());
        // Openfire's token alone is not enough.
        assertEquals(403, fx.post(PAGE, "action", "activation", "active", "true", "csrf",
                TestConsole.OPENFIRE_CSRF).statusCode());
        // A token from another session is no good either.
        HttpResponse<String> foreign = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        fx.console.base.resolve(PAGE))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=activation&active=true&domainchat_csrf=" + token))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, foreign.statusCode());
        assertUnchanged();
    }

    @Test
    void groupNamesAreSavedTrimmedAndABlankDirectoryGroupMeansTheDomain() throws Exception {
        String token = fx.token(PAGE);
        HttpResponse<String> r = fx.post(PAGE, "action", "groups", "directoryGroup", "  Colleagues ",
                "aliasGroup", "Team addresses", "domainchat_csrf", token);
        assertEquals(303, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Location").orElseThrow().endsWith(PAGE + "?done=groups"));
        assertEquals("Colleagues", fx.contacts.directoryGroup());
        assertEquals("Team addresses", fx.contacts.aliasGroup());
        String after = fx.follow(r).body();
        assertTrue(after.contains("<div class=\"jive-success\">The contact group names have been saved.</div>"));
        assertTrue(after.contains("name=\"directoryGroup\" size=\"40\" value=\"Colleagues\""), after);
        assertTrue(after.contains("name=\"aliasGroup\" size=\"40\" value=\"Team addresses\""));

        assertEquals(303, fx.post(PAGE, "action", "groups", "directoryGroup", "   ", "aliasGroup", "Aliases",
                "domainchat_csrf", token).statusCode());
        assertEquals("", fx.contacts.directoryGroup());
        assertFalse(fx.contacts.active(), "the group form does not touch the switch");
    }

    @Test
    void invalidGroupNamesAreExplainedBesideTheFieldsAndNothingIsSaved() throws Exception {
        String token = fx.token(PAGE);
        String typed = "\"><script>x</script>" + "a".repeat(100);
        HttpResponse<String> r = fx.post(PAGE, "action", "groups", "directoryGroup", typed, "aliasGroup", "  ",
                "domainchat_csrf", token);
        assertEquals(200, r.statusCode());
        String html = r.body();
        assertTrue(html.contains("<div class=\"jive-error\">The group names were not saved."), html);
        assertEquals("A group name can have at most 100 characters.",
                ContactsFixture.elementById(html, "span", "error-directoryGroup"));
        assertEquals("Enter a group name.", ContactsFixture.elementById(html, "span", "error-aliasGroup"));
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;" + "a".repeat(100) + "\""),
                "the input is kept, escaped");
        assertTrue(html.contains("name=\"aliasGroup\" size=\"40\" value=\"  \""));
        assertTrue(html.contains("Archiving is always on"), "the whole page is shown again");

        HttpResponse<String> control = fx.post(PAGE, "action", "groups", "directoryGroup", "Line\nbreak",
                "aliasGroup", "Aliases", "domainchat_csrf", token);
        assertEquals(200, control.statusCode());
        assertTrue(ContactsFixture.elementById(control.body(), "span", "error-directoryGroup")
                .contains("cannot contain line breaks"), control.body());
        assertEquals(null, ContactsFixture.elementById(control.body(), "span", "error-aliasGroup"));
        assertUnchanged();
    }

    @Test
    void anUnknownActionOrSwitchValueChangesNothing() throws Exception {
        String token = fx.token(PAGE);
        HttpResponse<String> odd = fx.post(PAGE, "action", "activation", "active", "yes", "domainchat_csrf", token);
        assertEquals(400, odd.statusCode());
        assertTrue(odd.body().contains("Unknown action. Nothing was changed."));
        assertEquals(400, fx.post(PAGE, "action", "drop", "domainchat_csrf", token).statusCode());
        assertUnchanged();
    }

    @Test
    void withoutDomainChatRunningThePageSaysSo() throws Exception {
        String token = fx.token(PAGE);
        fx.context.contacts = null;
        HttpResponse<String> r = fx.get(PAGE);
        assertEquals(503, r.statusCode());
        assertTrue(r.body().contains("<div class=\"jive-error\">Domain chat is not running"), r.body());
        assertTrue(r.body().contains("content=\"domainchat-settings\""));
        assertFalse(r.body().contains("<form"));
        assertEquals(503, fx.post(PAGE, "action", "activation", "active", "true", "domainchat_csrf", token)
                .statusCode());
    }

    @Test
    void germanConsoleGetsGermanTexts() throws Exception {
        fx.context.locale = Locale.GERMAN;
        String html = fx.get(PAGE).body();
        assertTrue(html.contains("<title>Domain-Chat-Einstellungen</title>"), html);
        assertTrue(html.contains("Domain Chat ist ausgeschaltet."));
        assertTrue(html.contains("Die Archivierung ist immer eingeschaltet"));
        assertTrue(html.contains("value=\"Domain Chat einschalten\""));
        assertTrue(html.contains("Leer lassen, um den Domainnamen (example.com) zu verwenden."));
        assertFalse(html.contains("Turn domain chat"));
        assertFalse(html.contains("???"));
        String token = AdminFixture.formToken(html);
        HttpResponse<String> on = fx.post(PAGE, "action", "activation", "active", "true", "domainchat_csrf", token);
        assertTrue(fx.follow(on).body().contains("Gespeichert: Domain Chat ist jetzt eingeschaltet."));
        HttpResponse<String> bad = fx.post(PAGE, "action", "groups", "directoryGroup", "", "aliasGroup", "",
                "domainchat_csrf", token);
        assertTrue(bad.body().contains("Bitte einen Gruppennamen eingeben."), bad.body());
    }
}
