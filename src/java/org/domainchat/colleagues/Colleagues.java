package org.domainchat.colleagues;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.domainchat.alias.AliasBook;
import org.domainchat.directory.DomainDirectory;
import org.xmpp.packet.JID;

/**
 * Who the server treats as subscribed to whose presence, both ways, without any stored subscription: while domain
 * chat is active, every two different visible users of the domain (colleagues), and a user and each enabled alias
 * that user may see. Hidden accounts have no colleagues; other domains, anonymous users and everyone while domain
 * chat is off are left to Openfire's stored rosters. A user's own roster edits (hiding a colleague from their contact list) never change
 * this: it is the domain's rule, not one user's view.
 */
public final class Colleagues {

    private final Supplier<DomainDirectory.Snapshot> directory;
    private final Supplier<AliasBook.View> aliases;
    private final String domain;
    private final BooleanSupplier active;

    public Colleagues(Supplier<DomainDirectory.Snapshot> directory, Supplier<AliasBook.View> aliases, String domain,
                      BooleanSupplier active) {
        this.directory = directory;
        this.aliases = aliases;
        this.domain = domain;
        this.active = active;
    }

    public String domain() {
        return domain;
    }

    public boolean isActive() {
        return active.getAsBoolean();
    }

    /** True when {@code a} and {@code b} are two different visible users of the domain and domain chat is on. */
    public boolean areColleagues(String a, String b) {
        if (a == null || b == null || a.equals(b) || !active.getAsBoolean()) {
            return false;
        }
        DomainDirectory.Snapshot snapshot = directory.get();
        return snapshot.contains(a) && snapshot.contains(b);
    }

    /** True when {@code username} is a visible user of the domain and domain chat is on: someone with colleagues. */
    public boolean hasColleagues(String username) {
        return username != null && active.getAsBoolean() && directory.get().contains(username);
    }

    /**
     * True when {@code viewer} counts as subscribed to {@code contact}'s presence (and the other way round): both
     * addresses are of this domain and {@code contact} is a colleague of {@code viewer} or an alias {@code viewer}
     * may see. Resources do not matter.
     */
    public boolean subscribed(JID viewer, JID contact) {
        if (!isLocalUserAddress(viewer) || !isLocalUserAddress(contact)) {
            return false;
        }
        return areColleagues(viewer.getNode(), contact.getNode())
                || visibleAlias(viewer.getNode(), contact.getNode()).isPresent();
    }

    /**
     * The alias named {@code aliasName} when {@code viewer} may see it (the alias's own rule: enabled, and visible to
     * all users or {@code viewer} is a member) and domain chat is on. Like the roster, this does not ask whether the
     * viewer is hidden: a hidden service account can still be an alias's member.
     */
    public Optional<AliasBook.Entry> visibleAlias(String viewer, String aliasName) {
        if (viewer == null || aliasName == null || !active.getAsBoolean()) {
            return Optional.empty();
        }
        return aliases.get().entry(aliasName).filter(e -> e.isVisibleTo(viewer));
    }

    private boolean isLocalUserAddress(JID jid) {
        return jid != null && jid.getNode() != null && domain.equals(jid.getDomain());
    }
}
