package org.domainchat.colleagues;

import java.util.Optional;

import org.dom4j.Element;
import org.domainchat.alias.AliasBook;
import org.domainchat.util.XmlChars;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * Last activity (XEP-0012) between colleagues. Openfire answers a query to a user's bare JID only for someone
 * subscribed to that user's presence, and refuses colleagues with {@code forbidden}; this answers them as Openfire
 * answers a subscriber: 0 seconds while the user has a session, else the seconds since the last one ended with the
 * last status text. An alias the asker sees was last active when its most recently active member (other than the
 * asker) was; 0 while one of them is online.
 */
public final class LastActivity {

    public static final String NAMESPACE = "jabber:iq:last";

    private final Colleagues colleagues;
    private final Activity activity;

    public LastActivity(Colleagues colleagues, Activity activity) {
        this.colleagues = colleagues;
        this.activity = activity;
    }

    /**
     * True when {@code request} is a last activity query that domain chat answers: a get from a local user to the
     * bare JID of a colleague or of an alias they see. Cheap: no activity is looked up.
     */
    public boolean concerns(IQ request) {
        JID from = request.getFrom();
        JID to = request.getTo();
        Element query = request.getChildElement();
        if (request.getType() != IQ.Type.get || query == null || !NAMESPACE.equals(query.getNamespaceURI())
                || from == null || to == null || to.getResource() != null) {
            return false;
        }
        return colleagues.subscribed(from, to);
    }

    /** The answer to a request {@link #concerns} accepted; empty when the colleague rule no longer holds. */
    public Optional<IQ> answer(IQ request) {
        if (!concerns(request)) {
            return Optional.empty();
        }
        String asker = request.getFrom().getNode();
        String target = request.getTo().getNode();
        if (colleagues.areColleagues(asker, target)) {
            if (activity.hasSessions(target)) {
                return Optional.of(result(request, 0, null));
            }
            long millis = activity.millisSinceLastActivity(target);
            return Optional.of(result(request, millis > -1 ? millis / 1000 : -1, activity.lastStatus(target)));
        }
        Optional<AliasBook.Entry> alias = colleagues.visibleAlias(asker, target);
        if (alias.isEmpty()) {
            return Optional.empty();
        }
        long best = -1;
        for (String member : alias.get().members()) {
            if (member.equals(asker)) {
                continue;
            }
            if (activity.hasSessions(member)) {
                return Optional.of(result(request, 0, null));
            }
            long millis = activity.millisSinceLastActivity(member);
            if (millis > -1 && (best == -1 || millis < best)) {
                best = millis;
            }
        }
        return Optional.of(result(request, best > -1 ? best / 1000 : -1, null));
    }

    private static IQ result(IQ request, long seconds, String status) {
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", NAMESPACE);
        query.addAttribute("seconds", String.valueOf(seconds));
        // Openfire's stored text, from whichever client or version: cleaned, as one forbidden character would close
        // the asker's stream
        String text = XmlChars.clean(status);
        if (text != null && !text.isEmpty()) {
            query.setText(text);
        }
        return result;
    }
}
