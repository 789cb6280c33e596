package org.domainchat.webchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.domainchat.search.SearchOutcome;
import org.domainchat.search.SearchRequest;
import org.domainchat.testing.Waits;
import org.domainchat.webmail.live.WebmailLive;
import org.domainchat.webmail.live.WebmailStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.xmpp.packet.Presence;

/**
 * The web chat in a real headless Chromium against the real API, core and files ({@link ChatServer}). One browser
 * and one server for the class; each test signs in afresh in a fresh window state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebchatBrowserTest {

    private ChatServer server;
    private Browser browser;
    private final ExampleWebmail webmail = new ExampleWebmail("alice");

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        browser = Browser.startOrSkip(temp.resolve("profile"), "en-US");
        server = new ChatServer(temp.resolve("data"), webmail);
        webmail.chatServer = server.base.toString().replaceAll("/$", "");
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void freshPage() throws Exception {
        // Each test starts with everyone Available and offline, whatever the one before did.
        browser.driver.get("about:blank");
        server.reset();
        browser.driver.get(server.page().toString());
        browser.js("sessionStorage.clear()");
        browser.driver.navigate().refresh();
    }

    private void signIn(String user) {
        browser.find("#dc-username").sendKeys(user);
        browser.find("#dc-password").sendKeys(user + "-pw", Keys.ENTER);
        browser.find(".dc-contact");
        browser.until("the event stream is open", d -> "open".equals(
                browser.js("return document.querySelector('.dc-panel').getAttribute('data-stream')")));
    }

    private WebElement contact(String jid) {
        return browser.find(".dc-contact[data-jid='" + jid + "']");
    }

    @Test
    void signInShowsAliasesThenColleaguesWithTheirStatus() throws Exception {
        server.desk("bob", Presence.Show.dnd, "in a meeting");
        browser.find("#dc-username").sendKeys("alice");
        browser.find("#dc-password").sendKeys("wrong", Keys.ENTER);
        browser.until("a wrong password is said in words", d -> browser.find("#dc-signin-error").getText()
                .contains("wrong"));
        browser.find("#dc-password").clear();
        browser.find("#dc-password").sendKeys("alice-pw", Keys.ENTER);
        browser.find(".dc-contact");
        List<String> order = browser.all(".dc-contact").stream().map(e -> e.getAttribute("data-jid")).toList();
        assertEquals("sales@example.com", order.get(0), "aliases first: " + order);
        assertTrue(order.indexOf("bob@example.com") < order.indexOf("carol@example.com"), order.toString());
        assertFalse(order.contains("boss@example.com"), "hidden accounts are nobody's contact");
        assertFalse(order.contains("alice@example.com"), "never oneself");
        assertEquals("busy", status("bob@example.com"));
        assertEquals("offline", status("dave@example.com"));
        assertTrue(attribute("bob@example.com", "aria-label").contains("Busy"));
        browser.screenshot("contacts");
    }

    private String unread(String jid) {
        return attribute(jid, "data-unread");
    }

    private String status(String jid) {
        return attribute(jid, "data-status");
    }

    /** The unread badge's text, or null without one. */
    private String badge(String jid) {
        return (String) browser.js("const b = document.querySelector(\".dc-contact[data-jid='\" + arguments[0] "
                + "+ \"'] .dc-badge\"); return b ? b.textContent : null", jid);
    }

    /** Read in one go: the list replaces a row whenever that contact changes. */
    private String attribute(String jid, String name) {
        return (String) browser.js("const e = document.querySelector(\".dc-contact[data-jid='\" + arguments[0] "
                + "+ \"']\"); return e ? e.getAttribute(arguments[1]) : null", jid, name);
    }

    private void select(String jid) {
        browser.click(".dc-contact[data-jid='" + jid + "']");
        browser.find(".dc-details[data-jid='" + jid + "']");
    }

    private void openChatWith(String jid) {
        select(jid);
        browser.click(".dc-details[data-jid='" + jid + "'] .dc-startchat");
        browser.until("the chat with " + jid, d -> jid.equals(browser.js("return document.querySelector('.dc-chat').hidden ? null : "
                + "document.querySelector('.dc-details').getAttribute('data-jid')")) ? true : null);
    }

    private void statusMenu() {
        if ("false".equals(browser.find(".dc-statusbutton").getAttribute("aria-expanded"))) {
            browser.click(".dc-statusbutton");
        }
    }

    private List<String> lines() {
        return browser.all(".dc-log .dc-line .dc-text").stream().map(WebElement::getText).toList();
    }

    private void awaitLine(String text) {
        browser.until("a chat line \"" + text + "\"", d -> lines().contains(text) ? true : null);
    }

    @Test
    void aLiveMessageBothWaysWithTypingAndAnUnreadBadgeThatIsReadWhenSeen() throws Exception {
        signIn("alice");
        String aliceWindow = browser.driver.getWindowHandle();
        // bob in a second window: its own sessionStorage, so its own sign-in
        browser.driver.switchTo().newWindow(org.openqa.selenium.WindowType.WINDOW);
        String bobWindow = browser.driver.getWindowHandle();
        browser.driver.get(server.page().toString());
        signIn("bob");
        openChatWith("alice@example.com");

        browser.driver.switchTo().window(aliceWindow);
        openChatWith("bob@example.com");
        browser.driver.switchTo().window(bobWindow);
        browser.find(".dc-chat textarea").sendKeys("Hi Alice, lunch at 12?");
        browser.driver.switchTo().window(aliceWindow);
        browser.until("alice sees bob typing", d -> browser.find(".dc-typing").getText()
                .equals("Bob Baker is typing…") ? true : null);
        browser.driver.switchTo().window(bobWindow);
        browser.find(".dc-chat textarea").sendKeys(Keys.ENTER);
        awaitLine("Hi Alice, lunch at 12?");
        assertEquals("", browser.find(".dc-chat textarea").getAttribute("value"), "Enter sent it");

        browser.driver.switchTo().window(aliceWindow);
        awaitLine("Hi Alice, lunch at 12?");
        browser.until("the typing notice went with the message", d -> browser.find(".dc-typing").getText()
                .isEmpty() ? true : null);
        browser.find(".dc-chat textarea").sendKeys("Yes, see you there", Keys.ENTER);
        awaitLine("Yes, see you there");
        browser.driver.switchTo().window(bobWindow);
        awaitLine("Yes, see you there");
        browser.screenshot("chat-bob");
        browser.driver.close();
        browser.driver.switchTo().window(aliceWindow);
        select("bob@example.com"); // the conversation now shows in the preview pane
        browser.find(".dc-conversation");
        browser.screenshot("readme");

        // Carol writes from her desk client while alice looks at bob: a badge, read once alice opens the chat.
        server.fromDesk("carol", "alice", "Did you see the figures?");
        server.fromDesk("carol", "alice", "They look good");
        browser.until("carol's badge says 2", d -> "2".equals(unread("carol@example.com")) ? true : null);
        assertEquals("2", badge("carol@example.com"));
        assertTrue(attribute("carol@example.com", "aria-label").contains("2 unread"));
        openChatWith("carol@example.com");
        awaitLine("They look good");
        browser.until("the badge is gone once the lines were seen", d -> "0".equals(unread("carol@example.com"))
                ? true : null);
        assertNull(badge("carol@example.com"));
        browser.driver.navigate().refresh();
        browser.find(".dc-contact");
        assertEquals("0", unread("carol@example.com"), "read on the server, not just on screen");

        // More than 99 unread shows as 99+.
        for (int i = 0; i < 105; i++) {
            server.fromDesk("dave", "alice", "ping " + i);
        }
        browser.until("dave's badge says 99+", d -> "99+".equals(badge("dave@example.com")) ? true : null);
    }

    @Test
    void theChatShowsRecentLinesAndOlderOnScroll() throws Exception {
        for (int i = 0; i < 90; i++) {
            server.fromDesk("sara", "alice", "line " + i);
        }
        signIn("alice");
        openChatWith("sara@example.com");
        browser.until("the newest line", d -> lines().contains("line 89") ? true : null);
        int shown = lines().size();
        assertEquals(90, shown, "all of today is shown: the last 30 days when that is more than 75 lines");
    }

    @Test
    void theTranscriptOpensInANewWindowAndAttachmentsAreListed() throws Exception {
        server.fromDesk("bob", "alice", "Here is the report: https://files.example.org/q3-report.pdf");
        server.fromDesk("bob", "alice", "Call me when you have read it");
        signIn("alice");
        select("bob@example.com");
        WebElement conversation = browser.find(".dc-conversation");
        assertTrue(conversation.getText().contains("Here is the report"), conversation.getText());
        browser.find(".dc-tabs [role=tab][aria-selected=true]");
        conversation.click();
        String panelWindow = browser.driver.getWindowHandle();
        browser.find(".dc-open").click();
        browser.until("a second window", d -> d.getWindowHandles().size() == 2 ? true : null);
        for (String handle : browser.driver.getWindowHandles()) {
            if (!handle.equals(panelWindow)) {
                browser.driver.switchTo().window(handle);
            }
        }
        browser.until("the transcript's lines", d -> browser.all(".dc-transcript .dc-text").size() >= 2
                ? true : null);
        assertTrue(browser.find("h1").getText().startsWith("Chat with Bob Baker"), browser.find("h1").getText());
        assertTrue(browser.pageText().contains("Call me when you have read it"));
        browser.screenshot("transcript");
        browser.driver.close();
        browser.driver.switchTo().window(panelWindow);

        browser.find("[role=tab][id$='-tab-attachments']").click();
        WebElement link = browser.find(".dc-attachments a");
        assertEquals("https://files.example.org/q3-report.pdf", link.getAttribute("href"));
        assertEquals("noopener noreferrer", link.getAttribute("rel"));
    }

    @Test
    void searchShowsHighlightedSnippetsAndAHitOpensItsConversation() throws Exception {
        server.fromDesk("dave", "alice", "The quarterly numbers are in the shared folder");
        server.fromDesk("dave", "alice", "something else entirely");
        awaitSearchable("quarterly");
        signIn("alice");
        browser.find("input[type=search][id$='-search']").sendKeys("quarterly", Keys.ENTER);
        WebElement mark = browser.find(".dc-hits mark");
        assertEquals("quarterly", mark.getText().toLowerCase());
        browser.screenshot("search");
        browser.find(".dc-hit-button").click();
        WebElement hit = browser.find(".dc-log .dc-line.dc-hit");
        assertTrue(hit.getText().contains("The quarterly numbers are in the shared folder"), hit.getText());
        assertTrue(browser.find(".dc-chattitle").getText().contains("Dave Dietrich"));
    }

    private void awaitSearchable(String word) {
        Waits.until(Duration.ofSeconds(10), word + " searchable", () -> server.core.search().searchAll(
                new SearchRequest(word, null, null, null, SearchRequest.Order.NEWEST, null, 1))
                instanceof SearchOutcome.Page page && page.totalHits() > 0);
    }

    @Test
    void offlineShowsEveryoneUnavailableAndAvailableBringsThemBack() throws Exception {
        server.desk("bob", Presence.Show.dnd, "in a meeting");
        signIn("alice");
        browser.until("alice's webmail is online", d -> server.links.of("alice").map(l -> l.isOpen())
                .orElse(false) ? true : null);
        assertEquals("busy", status("bob@example.com"));
        statusMenu();
        browser.click(".dc-statusmenu input[value=offline]");
        browser.until("bob shows as unavailable", d -> "offline".equals(
                status("bob@example.com")) ? true : null);
        assertFalse(server.links.of("alice").orElseThrow().isOpen(), "Offline closes the webmail resource");
        openChatWith("bob@example.com");
        assertFalse(browser.find(".dc-chat textarea").isEnabled(), "Offline: webmail does not chat");
        assertTrue(browser.find(".dc-chat .dc-error").getText().contains("You are Offline"));
        browser.screenshot("offline");

        statusMenu();
        browser.click(".dc-statusmenu input[value=available]");
        browser.until("bob is busy again", d -> "busy".equals(status("bob@example.com"))
                ? true : null);
        assertTrue(browser.find(".dc-chat textarea").isEnabled());
        statusMenu();
        browser.find(".dc-statusmenu input[type=text]").sendKeys("Back at 3", Keys.ENTER);
        browser.until("the status text is shown", d -> browser.find(".dc-statusbutton").getText()
                .contains("Back at 3") ? true : null);
        assertEquals("Back at 3", server.memory.remembered.get("alice").text());

        // and the list follows presence live
        server.desk("dave", Presence.Show.away, null);
        browser.until("dave is away", d -> "away".equals(status("dave@example.com"))
                ? true : null);
    }

    @Test
    void anAliasThreadShowsWhoWroteEachLine() throws Exception {
        server.toAlias("carol", "sales", "New lead from ACME");
        signIn("alice");
        select("sales@example.com");
        browser.until("the alias's members", d -> browser.all(".dc-members li").size() == 2 ? true : null);
        assertTrue(browser.find(".dc-details").getText().contains("You are a member"));
        browser.click(".dc-startchat");
        awaitLine("New lead from ACME");
        WebElement line = browser.all(".dc-log .dc-line").get(browser.all(".dc-log .dc-line").size() - 1);
        assertEquals("Carol Chen", line.findElement(By.cssSelector(".dc-who")).getText());
        server.toAlias("carol", "sales", "They want a call today");
        awaitLine("They want a call today");
        line = browser.all(".dc-log .dc-line").get(browser.all(".dc-log .dc-line").size() - 1);
        assertEquals("Carol Chen", line.findElement(By.cssSelector(".dc-who")).getText(), "live, too");
        browser.find(".dc-chat textarea").sendKeys("I'll take it", Keys.ENTER);
        awaitLine("I'll take it");
        server.settle();
        assertTrue(server.routed.stream().anyMatch(m -> "I'll take it".equals(m.getBody())
                && m.getTo().toBareJID().equals("sales@example.com")));
        browser.screenshot("alias");

        // Opened straight from the list (Enter), without the details pane having named the members first.
        browser.driver.navigate().refresh();
        browser.find(".dc-contact[data-jid='sales@example.com']").sendKeys(Keys.ENTER);
        awaitLine("New lead from ACME");
        assertEquals("Carol Chen", browser.all(".dc-log .dc-line .dc-who").get(browser.all(".dc-log .dc-line")
                .size() - 3).getText());
        browser.until("the details pane shows the alias opened by Enter", d -> browser.all(".dc-details .dc-hint")
                .isEmpty() && !browser.all(".dc-details .dc-contactname").isEmpty() ? true : null);
    }

    @Test
    void hostileNamesAndBodiesAreShownAsText() throws Exception {
        String script = "</script><script>window.__pwned='body'</script><b>bold</b>";
        String rtl = "مرحبا ‮evil.exe 😀👍🏽";
        server.fromDesk("mallory", "alice", "<img src=x onerror=\"window.__pwned='img'\">");
        server.fromDesk("mallory", "alice", script);
        server.fromDesk("sara", "alice", rtl);
        signIn("alice");
        WebElement mallory = contact("mallory@example.com");
        assertEquals(ChatServer.HOSTILE_NAME, mallory.findElement(By.cssSelector(".dc-name")).getText());
        openChatWith("mallory@example.com");
        awaitLine(script);
        assertTrue(lines().contains("<img src=x onerror=\"window.__pwned='img'\">"), lines().toString());
        assertEquals("Chat with " + ChatServer.HOSTILE_NAME, browser.find(".dc-chattitle").getText());
        openChatWith("sara@example.com");
        awaitLine(rtl);
        assertEquals(ChatServer.RTL_NAME, contact("sara@example.com").findElement(By.cssSelector(".dc-name"))
                .getText());
        assertEquals(0L, browser.js("return document.querySelectorAll('.dc-panel img, .dc-panel script, "
                + ".dc-panel b').length"));
        assertNull(browser.js("return window.__pwned === undefined ? null : window.__pwned"));
        browser.screenshot("hostile");
    }

    @Test
    void tenThousandColleaguesAreFoundByTheServerNotScrolledThrough() throws Exception {
        List<DirectoryUser> users = new ArrayList<>();
        String[] first = {"Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hans", "Ida", "Jonas"};
        String[] last = {"Schmidt", "Müller", "Weber", "Fischer", "Wagner", "Becker", "Hoffmann", "Koch", "Richter",
                "Klein"};
        for (int i = 0; i < 10_000; i++) {
            users.add(new DirectoryUser(String.format("u%05d", i), first[i % 10] + " " + last[(i / 10) % 10] + " "
                    + String.format("%05d", i)));
        }
        users.add(new DirectoryUser("alice", "Alice Archer"));
        users.add(new DirectoryUser("zoe", "Zoë Quintero-Ålund"));
        DomainDirectory before = server.directory.get();
        server.directory(users);
        try {
            signIn("alice");
            assertEquals("100 of 10,002", browser.find(".dc-count").getText(), "one page, and how many there are");
            browser.click(".dc-nav .dc-more");
            browser.until("the next page", d -> browser.all(".dc-contact").size() == 200 ? true : null);

            WebElement filter = browser.find("input[id$='-filter']");
            // Timed in the page: from the last keystroke to the list showing only the one person found.
            browser.js("const f = arguments[0]; f.addEventListener('input', () => { window.lastKey = performance.now();"
                    + " }); new MutationObserver(() => { const o = document.querySelectorAll('.dc-contact'); if (o.length"
                    + " === 1 && o[0].dataset.jid === 'zoe@example.com' && !window.found) window.found = "
                    + "performance.now(); }).observe(document.querySelector('.dc-list'), {childList: true});", filter);
            filter.sendKeys("quintero");
            browser.until("one person found", d -> browser.js("return window.found || null"));
            assertEquals(1, browser.all(".dc-contact").size());
            System.out.printf("web chat: \"Chat with…\" showed 1 of 10,002 users %.0f ms after the last keystroke "
                    + "(250 ms of it the typing pause the panel waits for)%n", ((Number) browser.js(
                    "return window.found - window.lastKey")).doubleValue());
            filter.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
            browser.until("the chat with zoe", d -> browser.find(".dc-chattitle").getText()
                    .equals("Chat with Zoë Quintero-Ålund") ? true : null);
            browser.screenshot("ten-thousand");
        } finally {
            server.directory.set(before);
        }
    }

    @Test
    void keyboardOnlyInANarrowWindowWithScreenReaderLabels() throws Exception {
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(420, 800));
        try {
            signIn("alice");
            assertTrue(browser.find(".dc-nav").isDisplayed());
            assertFalse(browser.all(".dc-main").get(0).isDisplayed(), "one column: the list alone");
            for (String role : List.of("search", "listbox", "option", "region")) {
                assertFalse(browser.all("[role=" + role + "]").isEmpty(), "role " + role);
            }
            browser.find("input[id$='-filter']").click();
            browser.driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
            assertEquals("sales@example.com", browser.driver.switchTo().activeElement().getAttribute("data-jid"));
            browser.driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
            assertEquals("option", browser.driver.switchTo().activeElement().getAttribute("role"));
            String jid = browser.driver.switchTo().activeElement().getAttribute("data-jid");
            browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            browser.until("the chat window alone", d -> browser.find(".dc-chat").isDisplayed()
                    && !browser.all(".dc-nav").get(0).isDisplayed() ? true : null);
            browser.until("focus in the message box", d -> "textarea".equals(browser.driver.switchTo()
                    .activeElement().getTagName()) ? true : null);
            assertEquals("log", browser.all(".dc-log").get(0).getAttribute("role"));
            browser.driver.switchTo().activeElement().sendKeys("typed without a mouse", Keys.ENTER);
            awaitLine("typed without a mouse");
            server.settle();
            assertTrue(server.routed.stream().anyMatch(m -> "typed without a mouse".equals(m.getBody())
                    && m.getTo().toBareJID().equals(jid)));
            browser.screenshot("narrow-chat");

            // The status menu by keyboard: open, arrows choose, Escape closes and gives focus back.
            browser.find(".dc-statusbutton").sendKeys(Keys.ENTER);
            browser.until("focus on the current status", d -> "radio".equals(browser.driver.switchTo()
                    .activeElement().getAttribute("type")) ? true : null);
            browser.driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
            browser.until("away chosen", d -> server.memory.remembered.containsKey("alice")
                    && server.memory.remembered.get("alice").status() == WebmailStatus.AWAY ? true : null);
            browser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
            assertTrue(browser.driver.switchTo().activeElement().getAttribute("class").contains("dc-statusbutton"));
            assertEquals("false", browser.find(".dc-statusbutton").getAttribute("aria-expanded"));
        } finally {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 860));
        }
    }

    @Test
    void darkFollowsTheUsersSetting() throws Exception {
        signIn("alice");
        String light = (String) browser.js("return getComputedStyle(document.querySelector('.dc-panel'))"
                + ".backgroundColor");
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features",
                List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            String dark = (String) browser.js("return getComputedStyle(document.querySelector('.dc-panel'))"
                    + ".backgroundColor");
            assertEquals("rgb(255, 255, 255)", light);
            assertEquals("rgb(21, 24, 28)", dark);
            openChatWith("bob@example.com");
            browser.screenshot("dark");
        } finally {
            browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features",
                    List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "light"))));
        }
    }

    @Test
    void theDocumentedWebmailPageEmbedsThePanelFromAnotherOriginInGerman() throws Exception {
        String webmailOrigin = "http://localhost:" + server.port();
        server.allowedOrigins.add(webmailOrigin);
        server.desk("bob", Presence.Show.away, null);
        try {
            browser.driver.get(webmailOrigin + "/webmail/");
            browser.find(".dc-contact");
            assertEquals("Kollegen", browser.all(".dc-group").get(1).getAttribute("textContent"),
                    "the page says lang=de");
            assertEquals("Verfügbar", browser.find(".dc-statuslabel").getText());
            assertTrue(webmail.tokens.get() >= 1, "the panel asked the webmail's backend for a token");
            openChatWith("bob@example.com");
            browser.find(".dc-chat textarea").sendKeys("Grüße aus dem Webmail", Keys.ENTER);
            awaitLine("Grüße aus dem Webmail");
            assertEquals("Chat mit Bob Baker", browser.find(".dc-chattitle").getText());
            assertEquals(0L, browser.js("return performance.getEntriesByType('resource').filter(e => "
                    + "e.name.includes('token=') || e.name.includes('eyJ')).length"),
                    "no token in any URL (the event stream's single-use ticket is not a token)");
            assertTrue(browser.console().lines().noneMatch(l -> l.contains("Content Security Policy")
                    || l.contains("TrustedHTML")), "the strict policy of the page holds: " + browser.console());
            browser.screenshot("webmail-embedded");
        } finally {
            server.allowedOrigins.remove(webmailOrigin);
        }
        // A page whose origin is not listed gets nothing (the browser cannot even read why), and says so.
        browser.driver.get(webmailOrigin + "/webmail/");
        browser.until("a refusal in words", d -> browser.pageText().contains("lässt diese Seite nicht zu")
                ? true : null);
        assertTrue(browser.all(".dc-contact").isEmpty());
    }
}
