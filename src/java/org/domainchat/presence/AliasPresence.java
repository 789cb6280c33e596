package org.domainchat.presence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.domainchat.alias.AliasBook;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * The presence of chat aliases: available with "3 members online" while at least one member other than the viewer
 * is online (those are whom the viewer's message reaches), unavailable otherwise. An alias's presence goes to the online users who see it whenever its count of online
 * members changes, and to a resource that comes online; nothing is sent for offline accounts.
 */
public final class AliasPresence {

    private final Supplier<AliasBook.View> aliases;
    private final Online online;
    private final StanzaRouter router;
    private final String domain;
    private final Supplier<Locale> locale;
    /** The count each alias's viewers were last told, so unchanged counts cost no stanzas. */
    private final Map<String, Integer> announced = new ConcurrentHashMap<>();

    public AliasPresence(Supplier<AliasBook.View> aliases, Online online, StanzaRouter router, String domain,
                         Supplier<Locale> locale) {
        this.aliases = aliases;
        this.online = online;
        this.router = router;
        this.domain = domain;
        this.locale = locale;
    }

    /** The alias's current presence, from its bare address, to {@code to}. */
    public Presence presenceOf(AliasBook.Entry alias, JID to) {
        return presence(alias, to);
    }

    /**
     * A user's availability changed: every alias they belong to whose online count changed tells its viewers.
     *
     * @return how many stanzas were sent
     */
    public int memberChanged(String username) {
        int sent = 0;
        for (AliasBook.Entry alias : aliases.get().byName().values()) {
            if (alias.members().contains(username)) {
                sent += announceIfChanged(alias);
            }
        }
        return sent;
    }

    /** Aliases were created, changed or deleted: recount them all (visibility and members may have changed). */
    public int aliasesChanged() {
        announced.keySet().retainAll(aliases.get().byName().keySet());
        int sent = 0;
        for (AliasBook.Entry alias : aliases.get().byName().values()) {
            sent += announceIfChanged(alias);
        }
        return sent;
    }

    /** Sends a resource that has just come online the presence of every alias it sees that has members online. */
    public int catchUp(JID newResource) {
        String username = newResource.getNode();
        int sent = 0;
        for (AliasBook.Entry alias : aliases.get().visibleTo(username)) {
            if (alias.membersOnlineFor(username, online::isAvailable) > 0) {
                router.route(newResource, presence(alias, newResource));
                sent++;
            }
        }
        return sent;
    }

    /** Counts all online members: when that changes, every viewer's count (the others online) changes too. */
    private int announceIfChanged(AliasBook.Entry alias) {
        int count = alias.alias().enabled() ? alias.membersOnlineFor(null, online::isAvailable) : 0;
        Integer before = announced.put(alias.alias().name(), count);
        if (before != null && before == count || before == null && count == 0) {
            return 0;
        }
        int sent = 0;
        for (JID resource : viewerResources(alias)) {
            router.route(resource, presence(alias, resource));
            sent++;
        }
        return sent;
    }

    private List<JID> viewerResources(AliasBook.Entry alias) {
        List<JID> out = new ArrayList<>();
        for (String username : online.usernames()) {
            if (alias.isVisibleTo(username)) {
                out.addAll(online.resources(username));
            }
        }
        return out;
    }

    private Presence presence(AliasBook.Entry alias, JID to) {
        int count = alias.alias().enabled() ? alias.membersOnlineFor(to.getNode(), online::isAvailable) : 0;
        Presence p = count > 0 ? new Presence() : new Presence(Presence.Type.unavailable);
        p.setFrom(new JID(alias.alias().name(), domain, null, true));
        p.setTo(to);
        if (count > 0) {
            p.setStatus(statusText(count));
        }
        return p;
    }

    /** "3 members online", in the server's language (English or German). */
    String statusText(int count) {
        boolean german = "de".equals(locale.get().getLanguage());
        if (german) {
            return count + (count == 1 ? " Mitglied online" : " Mitglieder online");
        }
        return count + (count == 1 ? " member online" : " members online");
    }
}
