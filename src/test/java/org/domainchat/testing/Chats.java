package org.domainchat.testing;

import java.util.UUID;

import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/** Real Tinder message stanzas as clients send them. */
public final class Chats {

    private Chats() {
    }

    public static Message chat(String from, String to, String body) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setID(UUID.randomUUID().toString());
        m.setFrom(new JID(from));
        m.setTo(new JID(to));
        if (body != null) {
            m.setBody(body);
        }
        return m;
    }

    public static String at(String user) {
        return user + "@" + TestEnvironment.DOMAIN;
    }
}
