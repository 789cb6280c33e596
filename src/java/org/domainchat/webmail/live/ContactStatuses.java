package org.domainchat.webmail.live;

import java.util.function.Supplier;

import org.domainchat.alias.AliasBook;
import org.domainchat.presence.Online;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * A contact's status as webmail shows it: for a user the best of their resources (Available, else Busy, else Away,
 * else Offline); for an alias Available while any member other than the viewer is, else Offline.
 */
public final class ContactStatuses {

    /** A status and the text of the resource it came from. */
    public record Shown(WebmailStatus status, String text) {
        public static final Shown OFFLINE = new Shown(WebmailStatus.OFFLINE, "");
    }

    private final Online online;
    private final Supplier<AliasBook.View> aliases;
    private final String domain;

    public ContactStatuses(Online online, Supplier<AliasBook.View> aliases, String domain) {
        this.online = online;
        this.aliases = aliases;
        this.domain = domain;
    }

    public Shown of(String bareJid, String viewer) {
        return of(bareJid, viewer, null);
    }

    /**
     * The status, as {@code viewer} (a username) sees it, with {@code latest} (a presence just received from one of the contact's resources) taking the
     * place of what the session table says for that resource, which may not have caught up yet.
     */
    public Shown of(String bareJid, String viewer, Presence latest) {
        JID jid = new JID(bareJid);
        if (!domain.equals(jid.getDomain()) || jid.getNode() == null) {
            return latest == null ? Shown.OFFLINE : shown(latest);
        }
        var alias = aliases.get().entry(jid.getNode());
        if (alias.isPresent()) {
            return alias.get().membersOnlineFor(viewer, online::isAvailable) > 0
                    ? new Shown(WebmailStatus.AVAILABLE, "") : Shown.OFFLINE;
        }
        Shown best = Shown.OFFLINE;
        JID skip = latest == null ? null : latest.getFrom();
        for (JID resource : online.resources(jid.getNode())) {
            if (resource.equals(skip)) {
                continue;
            }
            best = better(best, shown(online.presenceOf(resource)));
        }
        return latest == null ? best : better(best, shown(latest));
    }

    private static Shown shown(Presence p) {
        WebmailStatus status = WebmailStatus.of(p);
        if (status == WebmailStatus.OFFLINE) {
            return Shown.OFFLINE;
        }
        String text = p.getStatus();
        return new Shown(status, text == null ? "" : text);
    }

    /** The ordering is {@link WebmailStatus#best}'s; on a tie the one found first keeps its text. */
    private static Shown better(Shown a, Shown b) {
        return a.status().best(b.status()) == a.status() ? a : b;
    }
}
