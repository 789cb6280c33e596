package org.domainchat.webchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

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

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        browser = Browser.startOrSkip(temp.resolve("profile"), "en-US");
        server = new ChatServer(temp.resolve("data"));
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
    void freshPage() {
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
        assertEquals("busy", contact("bob@example.com").getAttribute("data-status"));
        assertEquals("offline", contact("dave@example.com").getAttribute("data-status"));
        assertTrue(contact("bob@example.com").getAttribute("aria-label").contains("Busy"));
        browser.screenshot("contacts");
    }
}
