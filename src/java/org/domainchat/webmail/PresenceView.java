package org.domainchat.webmail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.domainchat.alias.AliasBook;
import org.domainchat.presence.Online;
import org.domainchat.webmail.live.WebmailStatus;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * Contacts' statuses as one caller's webmail shows them. A person's status is the best of their resources
 * (Available, else Busy, else Away, else Offline). An alias is Available while any member is online, whatever
 * their show, because that is when it reaches someone; XMPP clients see it the same way (AliasPresence). While the
 * caller's own webmail status is Offline, webmail takes part in no presence: everyone shows Offline.
 */
final class PresenceView {

    /** Webmail resources are named {@code webmail-<random>} by the live core. */
    static final String WEBMAIL_RESOURCE_PREFIX = "webmail-";

    /** One resource of a contact. @param client a name for people, null when unknown */
    record ResourceStatus(String resource, String client, WebmailStatus status, String text) {
    }

    private final Online online;
    private final String caller;
    private final boolean callerOffline;

    PresenceView(Online online, String caller, WebmailStatus callerStatus) {
        this.online = online;
        this.caller = caller;
        this.callerOffline = callerStatus == WebmailStatus.OFFLINE;
    }

    WebmailStatus statusOf(String username) {
        WebmailStatus best = WebmailStatus.OFFLINE;
        for (ResourceStatus r : resources(username)) {
            best = best.best(r.status());
        }
        return best;
    }

    /** The contact's available resources, best status first; none while the caller is offline. */
    List<ResourceStatus> resources(String username) {
        if (callerOffline) {
            return List.of();
        }
        List<ResourceStatus> out = new ArrayList<>();
        for (JID jid : online.resources(username)) {
            Presence presence = online.presenceOf(jid);
            WebmailStatus status = WebmailStatus.of(presence);
            if (status != WebmailStatus.OFFLINE) {
                String resource = jid.getResource() == null ? "" : jid.getResource();
                out.add(new ResourceStatus(resource, clientOf(resource), status, presence.getStatus()));
            }
        }
        out.sort(Comparator.comparing(ResourceStatus::status).thenComparing(ResourceStatus::resource));
        return out;
    }

    /** The members other than the caller who are online (whom the caller's message reaches). */
    int onlineMembers(AliasBook.Entry alias) {
        return callerOffline ? 0 : alias.membersOnlineFor(caller, online::isAvailable);
    }

    WebmailStatus aliasStatus(int onlineMembers) {
        return onlineMembers > 0 ? WebmailStatus.AVAILABLE : WebmailStatus.OFFLINE;
    }

    /** Only our own resources are known without asking the client (service discovery is not worth a round trip). */
    private static String clientOf(String resource) {
        return resource.startsWith(WEBMAIL_RESOURCE_PREFIX) ? "Webmail" : null;
    }
}
