package org.domainchat.webmail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.domainchat.alias.AliasBook;
import org.domainchat.directory.ContactRoster;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.domainchat.unread.ReadScope;

/**
 * One user's contacts as webmail lists them, from one directory snapshot and one alias view: the aliases they may
 * see, then every visible colleague; never themselves, hidden accounts or aliases they may not see. Where an alias
 * and an account share a name, the address is the alias's (as alias routing treats it).
 */
final class ContactBook {

    /** A contact the caller may see. */
    sealed interface Contact permits Person, AliasContact {

        /** The bare address. */
        String jid();

        String name();

        /** The archive thread whose unread lines the caller counts. */
        ReadScope readScope(String callerJid);
    }

    record Person(DirectoryUser user, String jid) implements Contact {
        @Override
        public String name() {
            return user.displayName();
        }

        @Override
        public ReadScope readScope(String callerJid) {
            return ReadScope.withPerson(callerJid, jid);
        }
    }

    /** @param callerIsMember whether the caller sees the alias's whole thread */
    record AliasContact(AliasBook.Entry entry, String jid, boolean callerIsMember) implements Contact {
        @Override
        public String name() {
            return entry.alias().displayName();
        }

        @Override
        public ReadScope readScope(String callerJid) {
            return ReadScope.aliasThread(callerJid, jid, callerIsMember);
        }
    }

    /** One page of contacts, and how many match in all. */
    record Page(List<Contact> contacts, int total) {
    }

    /** The directory's order for aliases too: by display name ignoring case, then by name. */
    static final Comparator<AliasBook.Entry> ALIAS_ORDER = Comparator
            .comparing((AliasBook.Entry e) -> e.alias().displayName().toLowerCase(Locale.ROOT))
            .thenComparing(e -> e.alias().name());

    private final String domain;
    private final DomainDirectory.Snapshot directory;
    private final AliasBook.View aliases;
    private final FoldedDirectory folded;

    ContactBook(ContactRoster roster, FoldedDirectory folded) {
        this.domain = roster.domain();
        this.directory = roster.directory();
        this.aliases = roster.aliases();
        this.folded = folded;
    }

    String domain() {
        return domain;
    }

    DomainDirectory.Snapshot directory() {
        return directory;
    }

    /** The contacts of {@code username} that match {@code query}, from {@code offset}, at most {@code limit}. */
    Page list(String username, ContactQuery query, int offset, int limit) {
        List<Contact> page = new ArrayList<>(Math.min(limit, 512));
        int total = 0;
        String lowerDomain = domain.toLowerCase(Locale.ROOT);
        List<AliasBook.Entry> visible = new ArrayList<>(aliases.visibleTo(username));
        visible.sort(ALIAS_ORDER);
        for (AliasBook.Entry alias : visible) {
            if (query.isAll() || query.matches(ContactQuery.fold(alias.alias().displayName()),
                    ContactQuery.fold(alias.alias().name()), lowerDomain)) {
                if (total >= offset && page.size() < limit) {
                    page.add(aliasContact(alias, username));
                }
                total++;
            }
        }
        FoldedDirectory.Folded names = query.isAll() ? null : folded.of(directory);
        List<DirectoryUser> users = directory.users();
        for (int i = 0; i < users.size(); i++) {
            DirectoryUser user = users.get(i);
            if (user.username().equals(username) || aliases.byName().containsKey(user.username())) {
                continue;
            }
            if (names == null || query.matches(names.names()[i], names.usernames()[i], lowerDomain)) {
                if (total >= offset && page.size() < limit) {
                    page.add(new Person(user, address(user.username())));
                }
                total++;
            }
        }
        return new Page(page, total);
    }

    /**
     * The contact at {@code bareJid} for {@code username}; empty for anything they may not see, which looks exactly
     * like an address that does not exist.
     */
    Optional<Contact> find(String username, String bareJid) {
        int at = bareJid.indexOf('@');
        if (at <= 0 || !bareJid.substring(at + 1).equals(domain)) {
            return Optional.empty();
        }
        String node = bareJid.substring(0, at);
        AliasBook.Entry alias = aliases.byName().get(node);
        if (alias != null) {
            return alias.isVisibleTo(username) ? Optional.of(aliasContact(alias, username)) : Optional.empty();
        }
        DirectoryUser user = directory.byUsername().get(node);
        if (user == null || node.equals(username)) {
            return Optional.empty();
        }
        return Optional.of(new Person(user, address(node)));
    }

    /** The aliases {@code member} belongs to that {@code viewer} may see, in list order. */
    List<AliasContact> aliasesOf(String member, String viewer) {
        List<AliasBook.Entry> found = new ArrayList<>();
        for (AliasBook.Entry e : aliases.visibleTo(viewer)) {
            if (e.members().contains(member)) {
                found.add(e);
            }
        }
        found.sort(ALIAS_ORDER);
        return found.stream().map(e -> aliasContact(e, viewer)).toList();
    }

    /** The members of an alias who are in the directory (hidden accounts stay hidden here too), in directory order. */
    List<Person> members(AliasBook.Entry alias) {
        List<DirectoryUser> found = new ArrayList<>();
        for (String member : alias.members()) {
            DirectoryUser user = directory.byUsername().get(member);
            if (user != null) {
                found.add(user);
            }
        }
        found.sort(Comparator.comparing((DirectoryUser u) -> u.displayName().toLowerCase(Locale.ROOT))
                .thenComparing(DirectoryUser::username));
        return found.stream().map(u -> new Person(u, address(u.username()))).toList();
    }

    private AliasContact aliasContact(AliasBook.Entry alias, String username) {
        return new AliasContact(alias, address(alias.alias().name()), alias.members().contains(username));
    }

    private String address(String node) {
        return node + "@" + domain;
    }
}
