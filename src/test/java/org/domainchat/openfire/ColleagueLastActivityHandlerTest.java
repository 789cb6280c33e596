package org.domainchat.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dom4j.DocumentHelper;
import org.domainchat.alias.Alias;
import org.domainchat.alias.AliasBook;
import org.domainchat.colleagues.Activity;
import org.domainchat.colleagues.Colleagues;
import org.domainchat.colleagues.LastActivity;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.jivesoftware.openfire.IQHandlerInfo;
import org.jivesoftware.openfire.handler.IQHandler;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * Last activity queries at stanza level: colleagues and alias viewers are answered on domain chat's thread; anyone
 * else goes to Openfire's handler with its "no such user" check (here it refuses as 5.1.1 does: forbidden).
 */
class ColleagueLastActivityHandlerTest {

    private final DomainDirectory directory = new DomainDirectory(List.of(new DirectoryUser("alice", "Alice"),
            new DirectoryUser("bob", "Bob")), List.of());
    private final AliasBook.Entry sales = new AliasBook.Entry(new Alias("sales", "Sales", Set.of("bob"), null, true,
            Alias.Visibility.ALL, false), Set.of("bob"));
    private final Colleagues colleagues = new Colleagues(directory::snapshot,
            () -> new AliasBook.View(Map.of("sales", sales), "-"), "example.com", () -> true);
    private final List<Packet> routed = new ArrayList<>();
    private final List<IQ> toOpenfire = new ArrayList<>();
    private final IQHandler openfire = new IQHandler("Openfire last activity") {
        @Override
        public void process(IQ iq) {
            toOpenfire.add(iq);
            IQ refused = IQ.createResultIQ(iq);
            refused.setError(PacketError.Condition.forbidden);
            routed.add(refused);
        }

        @Override
        public IQ handleIQ(IQ iq) {
            throw new AssertionError("Openfire's process() is used, with its own checks");
        }

        @Override
        public IQHandlerInfo getInfo() {
            return new IQHandlerInfo("query", "jabber:iq:last");
        }
    };
    private final ColleagueLastActivityHandler handler = new ColleagueLastActivityHandler(openfire,
            new LastActivity(colleagues, new Activity() {
                @Override
                public boolean hasSessions(String username) {
                    return false;
                }

                @Override
                public long millisSinceLastActivity(String username) {
                    return 42_000;
                }

                @Override
                public String lastStatus(String username) {
                    return "out";
                }
            }), (to, p) -> {
                p.setTo(to);
                routed.add(p);
            }, Runnable::run);

    private IQ ask(String from, String to) throws Exception {
        assertNull(handler.handleIQ(new IQ(DocumentHelper.parseText("<iq type='get' id='l1' from='" + from
                + "' to='" + to + "'><query xmlns='jabber:iq:last'/></iq>").getRootElement())));
        return (IQ) routed.remove(0);
    }

    @Test
    void colleaguesAndAliasViewersAreAnsweredOthersByOpenfire() throws Exception {
        IQ colleague = ask("alice@example.com/desk", "bob@example.com");
        assertEquals("42", colleague.getChildElement().attributeValue("seconds"));
        assertEquals("out", colleague.getChildElement().getText());
        assertEquals("alice@example.com/desk", colleague.getTo().toString());
        assertEquals("42", ask("alice@example.com/desk", "sales@example.com").getChildElement()
                .attributeValue("seconds"), "an alias is not an account, yet its viewers get an answer");
        assertEquals(List.of(), toOpenfire);

        assertEquals(PacketError.Condition.forbidden, ask("eve@other.org/x", "bob@example.com").getError()
                .getCondition());
        assertEquals(PacketError.Condition.forbidden, ask("alice@example.com/desk", "nobody@example.com")
                .getError().getCondition());
        assertEquals(2, toOpenfire.size());
        assertFalse(handler.performNoSuchUserCheck(), "it runs Openfire's check itself, for non-aliases");
    }
}
