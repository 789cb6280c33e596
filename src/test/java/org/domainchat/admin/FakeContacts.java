package org.domainchat.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.domainchat.alias.AliasBook;
import org.domainchat.directory.DirectoryUser;

/**
 * Domain chat's admin port as plain objects: users and groups in maps, the settings in fields, and the real
 * {@link AliasBook} it is given. Behaves as the port's javadoc says, so the pages are tested against the contract.
 */
final class FakeContacts implements ContactsAdmin {

    private static final Comparator<DirectoryUser> BY_NAME = Comparator
            .comparing((DirectoryUser u) -> u.displayName().toLowerCase(Locale.ROOT))
            .thenComparing(DirectoryUser::username);

    private final String domain;
    private final Map<String, DirectoryUser> users = new ConcurrentSkipListMap<>();
    private final Map<String, Set<String>> groups;
    private final Set<String> hidden = ConcurrentHashMap.newKeySet();
    private final AliasBook aliases;
    volatile boolean active;
    volatile String directoryGroup = "";
    volatile String aliasGroup = "Aliases";

    /** {@code groups} is shared with the alias book's group lookup, so a test can change a group for both. */
    FakeContacts(String domain, List<DirectoryUser> users, Map<String, Set<String>> groups, AliasBook aliases) {
        this.domain = domain;
        this.groups = groups;
        this.aliases = aliases;
        users.forEach(this::addUser);
    }

    /** An account created while the pages run. */
    void addUser(DirectoryUser user) {
        users.put(user.username(), user);
    }

    /** An account deleted while the pages run; like Openfire, its name may stay in the hidden list. */
    void removeUser(String username) {
        users.remove(username);
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public boolean active() {
        return active;
    }

    @Override
    public void setActive(boolean active) {
        this.active = active;
    }

    @Override
    public String directoryGroup() {
        return directoryGroup;
    }

    @Override
    public void setDirectoryGroup(String group) {
        directoryGroup = group;
    }

    @Override
    public String aliasGroup() {
        return aliasGroup;
    }

    @Override
    public void setAliasGroup(String group) {
        aliasGroup = group;
    }

    @Override
    public Set<String> hiddenAccounts() {
        return Set.copyOf(hidden);
    }

    @Override
    public boolean setHidden(String username, boolean hide) {
        if (!isUser(username)) {
            return false;
        }
        if (hide) {
            hidden.add(username);
        } else {
            hidden.remove(username);
        }
        return true;
    }

    @Override
    public int accountCount() {
        return users.size();
    }

    @Override
    public List<DirectoryUser> findUsers(String query, int limit) {
        String q = query.toLowerCase(Locale.ROOT);
        return users.values().stream()
                .filter(u -> u.username().toLowerCase(Locale.ROOT).contains(q)
                        || (u.name() != null && u.name().toLowerCase(Locale.ROOT).contains(q)))
                .sorted(BY_NAME).limit(limit).toList();
    }

    @Override
    public boolean isUser(String username) {
        return username != null && users.containsKey(username);
    }

    @Override
    public List<String> groupNames() {
        return List.copyOf(new TreeSet<>(groups.keySet()));
    }

    @Override
    public AliasBook aliases() {
        return aliases;
    }
}
