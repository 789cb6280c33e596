package org.domainchat.openfire;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.domainchat.webmail.live.LinkException;
import org.domainchat.webmail.live.StatusMemory;
import org.domainchat.webmail.live.XmppLinks;
import org.jivesoftware.openfire.XMPPServer;

/** Where the webmail resources come from. TEMPORARY: replaced by the virtual-session adapter in this change. */
final class WebmailResources {

    private WebmailResources() {
    }

    static XmppLinks links(XMPPServer server) {
        return (username, status, text, locale, address, inbound) -> {
            throw new LinkException(LinkException.Kind.UNAVAILABLE, "webmail resources are not wired yet");
        };
    }

    static StatusMemory statusMemory(XMPPServer server) {
        Map<String, StatusMemory.Chosen> map = new ConcurrentHashMap<>();
        return new StatusMemory() {
            @Override
            public Optional<Chosen> recall(String username) {
                return Optional.ofNullable(map.get(username));
            }

            @Override
            public void remember(String username, Chosen chosen) {
                map.put(username, chosen);
            }
        };
    }
}
