package org.domainchat.webmail.live;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.domainchat.alias.AliasBook;
import org.domainchat.directory.DomainDirectory;
import org.json.JSONObject;

/**
 * Tells open webmail streams when their contact list changed: a colleague joined, was renamed, hidden or deleted,
 * or an alias the user can see was added, changed or removed. The event names the contact; the webmail refetches it.
 */
public final class ContactListEvents implements AutoCloseable {

    private final WebmailLive live;
    private final DomainDirectory directory;
    private final AliasBook aliases;
    private final String domain;
    private final Consumer<DomainDirectory.Change> onDirectory = this::directoryChanged;
    private final Consumer<AliasBook.Change> onAliases = this::aliasesChanged;

    private ContactListEvents(WebmailLive live, DomainDirectory directory, AliasBook aliases, String domain) {
        this.live = live;
        this.directory = directory;
        this.aliases = aliases;
        this.domain = domain;
    }

    /** Listens to both until {@link #close()}; {@code directory} may be null when domain contacts are not running. */
    public static ContactListEvents attach(WebmailLive live, DomainDirectory directory, AliasBook aliases,
                                           String domain) {
        ContactListEvents events = new ContactListEvents(live, directory, aliases, domain);
        if (directory != null) {
            directory.addListener(events.onDirectory);
        }
        aliases.addListener(events.onAliases);
        return events;
    }

    void directoryChanged(DomainDirectory.Change change) {
        String username = change.user().username();
        JSONObject data = new JSONObject().put("jid", username + "@" + domain)
                .put("change", change.removed() ? "removed" : "changed");
        live.publishToAll("contacts", data, u -> !u.equals(username));
    }

    void aliasesChanged(AliasBook.Change change) {
        Set<String> names = new HashSet<>(change.before().byName().keySet());
        names.addAll(change.after().byName().keySet());
        for (String name : names) {
            Optional<AliasBook.Entry> before = Optional.ofNullable(change.before().byName().get(name));
            Optional<AliasBook.Entry> after = Optional.ofNullable(change.after().byName().get(name));
            if (before.equals(after)) {
                continue;
            }
            String jid = name + "@" + domain;
            live.publishEach("contacts", username -> {
                boolean saw = before.map(e -> e.isVisibleTo(username)).orElse(false);
                boolean sees = after.map(e -> e.isVisibleTo(username)).orElse(false);
                if (!saw && !sees) {
                    return null;
                }
                return new JSONObject().put("jid", jid).put("change", !saw ? "added" : !sees ? "removed" : "changed");
            });
        }
    }

    @Override
    public void close() {
        if (directory != null) {
            directory.removeListener(onDirectory);
        }
        aliases.removeListener(onAliases);
    }
}
