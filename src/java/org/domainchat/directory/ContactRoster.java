package org.domainchat.directory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.CRC32C;

import org.domainchat.alias.AliasBook;

/**
 * A user's whole contact list as domain chat shows it: their own items, every visible colleague
 * ({@link DomainRoster}) and every chat alias they may see, in its own group. Own items win names and groups
 * everywhere; colleagues and aliases are always subscribed both ways and cannot be removed.
 */
public final class ContactRoster {

    private final Supplier<DomainDirectory.Snapshot> directory;
    private final Supplier<AliasBook.View> aliases;
    private final String domain;
    private final Supplier<String> domainGroup;
    private final Supplier<String> aliasGroup;
    private final Function<String, Set<String>> hidden;

    /** A roster in which nobody has removed anyone. */
    public ContactRoster(Supplier<DomainDirectory.Snapshot> directory, Supplier<AliasBook.View> aliases, String domain,
                         Supplier<String> domainGroup, Supplier<String> aliasGroup) {
        this(directory, aliases, domain, domainGroup, aliasGroup, username -> Set.of());
    }

    /** @param hidden for a username, the local parts of the colleagues and aliases they removed */
    public ContactRoster(Supplier<DomainDirectory.Snapshot> directory, Supplier<AliasBook.View> aliases, String domain,
                         Supplier<String> domainGroup, Supplier<String> aliasGroup,
                         Function<String, Set<String>> hidden) {
        this.hidden = hidden;
        this.directory = directory;
        this.aliases = aliases;
        this.domain = domain;
        this.domainGroup = domainGroup;
        this.aliasGroup = aliasGroup;
    }

    public String domain() {
        return domain;
    }

    public DomainDirectory.Snapshot directory() {
        return directory.get();
    }

    public AliasBook.View aliases() {
        return aliases.get();
    }

    /** The local parts of the colleagues and aliases {@code username} removed from their contact list. */
    public Set<String> hiddenBy(String username) {
        return hidden.apply(username);
    }

    /** The roster {@code username} (with stored items {@code own}) is sent. */
    public List<RosterEntry> build(String username, List<RosterEntry> own) {
        List<RosterEntry> colleagues = DomainRoster.build(username, domain, domainGroup.get(), directory.get(), own);
        List<AliasBook.Entry> visible = aliases.get().visibleTo(username);
        Set<String> removed = hidden.apply(username);
        List<RosterEntry> out = new ArrayList<>(colleagues.size() + visible.size());
        Set<String> aliasJids = new HashSet<>();
        for (AliasBook.Entry alias : visible) {
            RosterEntry entry = aliasEntry(alias, own);
            aliasJids.add(entry.jid());
            if (!removed.contains(alias.alias().name())) {
                out.add(entry);
            }
        }
        Set<String> removedJids = new HashSet<>(removed.size() * 2);
        for (String contact : removed) {
            removedJids.add(contact + "@" + domain);
        }
        for (RosterEntry e : colleagues) {
            if (aliasJids.contains(e.jid())) {
                continue; // an own item for an alias's address was merged into the alias's entry
            }
            if (e.managed() && removedJids.contains(e.jid())) {
                continue; // a colleague this user removed
            }
            out.add(e);
        }
        return out;
    }

    /**
     * The XEP-0237 version of what {@link #build} returns for {@code username} with {@code own}: the same whenever
     * the directory, the aliases, the groups, the user's own items and the contacts they removed are the same.
     */
    public String version(String username, List<RosterEntry> own) {
        CRC32C crc = new CRC32C();
        crc.update(aliasGroup.get().getBytes(StandardCharsets.UTF_8));
        for (String removed : new TreeSet<>(hidden.apply(username))) {
            crc.update(0);
            crc.update(removed.getBytes(StandardCharsets.UTF_8));
        }
        return DomainRoster.version(directory.get(), own, domainGroup.get()) + "-" + aliases.get().version()
                + Long.toHexString(crc.getValue());
    }

    /** The entry a colleague has in the roster of a user with {@code own}. */
    public RosterEntry colleagueEntry(DirectoryUser user, List<RosterEntry> own) {
        return DomainRoster.entryFor(user, domain, domainGroup.get(), own);
    }

    /** The entry an alias has in the roster of a user with {@code own} (who may see it). */
    public RosterEntry aliasEntry(AliasBook.Entry alias, List<RosterEntry> own) {
        String jid = alias.alias().name() + "@" + domain;
        Optional<RosterEntry> mine = own.stream().filter(e -> e.jid().equals(jid)).findFirst();
        return DomainRoster.merge(jid, alias.alias().displayName(), mine.orElse(null), aliasGroup.get());
    }

    /**
     * The entry {@code bareJid} has in {@code username}'s roster when domain chat puts it there and the user has not
     * removed it; empty otherwise.
     */
    public Optional<RosterEntry> shownEntry(String username, String bareJid, List<RosterEntry> own) {
        return managedEntry(username, bareJid, own).filter(e -> !isHidden(username, bareJid));
    }

    /** True when {@code bareJid} is a colleague or visible alias that {@code username} removed from their roster. */
    public boolean isHidden(String username, String bareJid) {
        int at = bareJid.indexOf('@');
        return at > 0 && bareJid.substring(at + 1).equals(domain)
                && hidden.apply(username).contains(bareJid.substring(0, at));
    }

    /**
     * True when {@code bareJid} is a colleague or an alias {@code username} sees: a contact domain chat manages,
     * whether or not the user removed it from their roster.
     */
    public boolean isManaged(String username, String bareJid) {
        return managedEntry(username, bareJid, List.of()).isPresent();
    }

    /**
     * The entry {@code bareJid} has in the roster of {@code username} (stored items {@code own}) when it is a
     * colleague or a visible alias; empty otherwise. One lookup, not a roster build.
     */
    public Optional<RosterEntry> managedEntry(String username, String bareJid, List<RosterEntry> own) {
        int at = bareJid.indexOf('@');
        if (at <= 0 || !bareJid.substring(at + 1).equals(domain)) {
            return Optional.empty();
        }
        String node = bareJid.substring(0, at);
        if (node.equals(username)) {
            return Optional.empty();
        }
        DirectoryUser colleague = directory.get().byUsername().get(node);
        if (colleague != null) {
            return Optional.of(colleagueEntry(colleague, own));
        }
        return aliases.get().entry(node).filter(e -> e.isVisibleTo(username)).map(e -> aliasEntry(e, own));
    }
}
