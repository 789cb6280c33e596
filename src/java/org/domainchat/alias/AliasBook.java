package org.domainchat.alias;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.domainchat.util.XmlChars;

/**
 * The domain's chat aliases in memory, each with its members resolved (listed users plus its group's members), so
 * routing, rosters and presence never query the database. Changes go to the store first, then replace the
 * immutable {@link View} and tell the listeners (roster pushes, alias presence).
 */
public final class AliasBook implements AliasMembership {

    /** An alias with its resolved members. */
    public record Entry(Alias alias, Set<String> members) {

        public boolean isVisibleTo(String username) {
            return alias.enabled() && (alias.visibility() == Alias.Visibility.ALL || members.contains(username));
        }

        /**
         * The members other than {@code viewer} who are online: whom a message from {@code viewer} reaches, so what
         * the alias's presence tells {@code viewer} (a member alone online is told nobody is there).
         */
        public int membersOnlineFor(String viewer, java.util.function.Predicate<String> isAvailable) {
            int n = 0;
            for (String member : members) {
                if (!member.equals(viewer) && isAvailable.test(member)) {
                    n++;
                }
            }
            return n;
        }
    }

    /** Every alias by name, and a digest of what rosters show of them (changes whenever a roster would). */
    public record View(Map<String, Entry> byName, String version) {

        public Optional<Entry> entry(String name) {
            return Optional.ofNullable(byName.get(AliasNames.normalise(name)));
        }

        /** The aliases {@code username} sees as contacts, by name. */
        public List<Entry> visibleTo(String username) {
            List<Entry> out = new ArrayList<>();
            for (Entry e : byName.values()) {
                if (e.isVisibleTo(username)) {
                    out.add(e);
                }
            }
            return out;
        }
    }

    /** One change: the view before and after it. */
    public record Change(View before, View after) {
    }

    /** Why an alias cannot be saved: one sentence per problem, for the admin page and the provisioning endpoint. */
    public static final class InvalidAlias extends Exception {
        private final List<String> problems;

        public InvalidAlias(List<String> problems) {
            super(String.join(" ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private final AliasStore store;
    private final GroupMembers groups;
    private final String domain;
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private volatile View view;
    private Map<String, Alias> aliases = Map.of();

    private AliasBook(AliasStore store, GroupMembers groups, String domain) {
        this.store = store;
        this.groups = groups;
        this.domain = domain;
    }

    /** Loads every alias from the store. */
    public static AliasBook load(AliasStore store, GroupMembers groups, String domain) throws SQLException {
        AliasBook book = empty(store, groups, domain);
        book.reload();
        return book;
    }

    /** A book without aliases, to {@link #reload} once the store can be read. */
    public static AliasBook empty(AliasStore store, GroupMembers groups, String domain) {
        AliasBook book = new AliasBook(store, groups, domain);
        book.replace(Map.of());
        return book;
    }

    public View view() {
        return view;
    }

    public String domain() {
        return domain;
    }

    public void addListener(Consumer<Change> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Change> listener) {
        listeners.remove(listener);
    }

    /** The alias's address, {@code name@domain}. */
    public String address(String name) {
        return AliasNames.normalise(name) + "@" + domain;
    }

    /**
     * Everything wrong with {@code alias}, or an empty list when it can be saved.
     *
     * @param isUsername whether an account of that name exists (members must be users; an alias must not shadow one)
     */
    public List<String> problems(Alias alias, Predicate<String> isUsername) {
        List<String> problems = new ArrayList<>();
        AliasNames.problem(alias.name(), isUsername).ifPresent(problems::add);
        if (alias.displayName() == null || alias.displayName().isBlank()) {
            problems.add("The alias needs a display name.");
        } else if (alias.displayName().length() > 255) {
            problems.add("The display name is longer than 255 characters.");
        } else if (XmlChars.firstInvalid(alias.displayName()) >= 0) {
            // it goes into every roster item and copy of the alias: one such character closes clients' streams
            problems.add("The display name contains a control character or another character XML does not allow "
                    + "(at position " + (XmlChars.firstInvalid(alias.displayName()) + 1) + ").");
        }
        String self = AliasNames.normalise(alias.name());
        Set<String> unknown = new TreeSet<>();
        for (String member : alias.members()) {
            String m = AliasNames.normalise(member);
            if (m.equals(self) || (view != null && view.byName().containsKey(m))) {
                problems.add("\"" + member + "\" is a chat alias; an alias cannot contain aliases.");
            } else if (!isUsername.test(member)) {
                unknown.add(member);
            }
        }
        if (!unknown.isEmpty()) {
            problems.add("There is no user called " + String.join(", ", unknown) + ".");
        }
        if (alias.group() != null && !alias.group().isBlank() && groups.members(alias.group()).isEmpty()) {
            problems.add("There is no group called \"" + alias.group() + "\".");
        }
        return problems;
    }

    /** Creates or replaces an alias after checking it. */
    public void save(Alias alias, Predicate<String> isUsername) throws InvalidAlias, SQLException {
        List<String> problems = problems(alias, isUsername);
        if (!problems.isEmpty()) {
            throw new InvalidAlias(problems);
        }
        Alias normalised = new Alias(AliasNames.normalise(alias.name()), alias.displayName().strip(),
                alias.members(), alias.group() == null || alias.group().isBlank() ? null : alias.group().strip(),
                alias.enabled(), alias.visibility(), alias.storeOffline());
        Change change;
        synchronized (this) {
            store.save(normalised);
            Map<String, Alias> next = new TreeMap<>(aliases);
            next.put(normalised.name(), normalised);
            change = replace(next);
        }
        notifyListeners(change);
    }

    /** @return false when there was no such alias */
    public boolean delete(String name) throws SQLException {
        Change change;
        synchronized (this) {
            if (!store.delete(name)) {
                return false;
            }
            Map<String, Alias> next = new TreeMap<>(aliases);
            next.remove(AliasNames.normalise(name));
            change = replace(next);
        }
        notifyListeners(change);
        return true;
    }

    /** Resolves the group-backed aliases again (a group changed, or its directory may have). */
    public void groupsChanged() {
        Change change;
        synchronized (this) {
            change = replace(aliases);
        }
        if (!change.before().byName().equals(change.after().byName())) {
            notifyListeners(change);
        }
    }

    /** Reads every alias from the store again (after a change made on another path, e.g. a database restore). */
    public void reload() throws SQLException {
        Map<String, Alias> loaded = new TreeMap<>();
        for (Alias a : store.all()) {
            loaded.put(a.name(), a);
        }
        Change change;
        synchronized (this) {
            change = replace(loaded);
        }
        notifyListeners(change);
    }

    @Override
    public boolean isAlias(String bareJid) {
        String name = localPart(bareJid);
        return name != null && view.byName().containsKey(name);
    }

    @Override
    public boolean isMember(String aliasBareJid, String userBareJid) {
        String name = localPart(aliasBareJid);
        String user = localPart(userBareJid);
        Entry e = name == null ? null : view.byName().get(name);
        return e != null && user != null && e.members().contains(user);
    }

    @Override
    public Set<String> aliasesOf(String userBareJid) {
        String user = localPart(userBareJid);
        if (user == null) {
            return Set.of();
        }
        Set<String> out = new TreeSet<>();
        for (Entry e : view.byName().values()) {
            if (e.members().contains(user)) {
                out.add(address(e.alias().name()));
            }
        }
        return out;
    }

    private String localPart(String bareJid) {
        if (bareJid == null) {
            return null;
        }
        int at = bareJid.indexOf('@');
        if (at <= 0 || !bareJid.substring(at + 1).equals(domain) || bareJid.indexOf('/') >= 0) {
            return null;
        }
        return bareJid.substring(0, at);
    }

    private Change replace(Map<String, Alias> next) {
        View before = view;
        Map<String, Entry> byName = new TreeMap<>();
        for (Alias a : next.values()) {
            Set<String> members = new TreeSet<>(a.members());
            if (a.group() != null) {
                groups.members(a.group()).ifPresent(members::addAll);
            }
            members.removeIf(m -> next.containsKey(m)); // never an alias inside an alias, whatever a group holds
            byName.put(a.name(), new Entry(a, Set.copyOf(members)));
        }
        aliases = Map.copyOf(next);
        view = new View(java.util.Collections.unmodifiableMap(byName), digest(byName.values()));
        return new Change(before, view);
    }

    /** What rosters show of aliases: name, display name, enabled, visibility and members (they decide who sees it). */
    private static String digest(Collection<Entry> entries) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Entry e : entries) {
                Alias a = e.alias();
                for (String s : List.of(a.name(), a.displayName(), Boolean.toString(a.enabled()),
                        a.visibility().name())) {
                    sha.update(s.getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                }
                if (a.visibility() == Alias.Visibility.MEMBERS) {
                    for (String m : new TreeSet<>(e.members())) {
                        sha.update(m.getBytes(StandardCharsets.UTF_8));
                        sha.update((byte) 1);
                    }
                }
                sha.update((byte) 2);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private void notifyListeners(Change change) {
        for (Consumer<Change> listener : listeners) {
            listener.accept(change);
        }
    }
}
