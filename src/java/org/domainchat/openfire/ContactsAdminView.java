package org.domainchat.openfire;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.domainchat.admin.ContactsAdmin;
import org.domainchat.alias.AliasBook;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;

/**
 * The admin pages' view of domain chat in Openfire: settings are the {@code domainchat.*} system properties (their
 * listeners apply changes at once), users come from the directory, which holds every account, hidden or not.
 */
final class ContactsAdminView implements ContactsAdmin {

    private final PluginProperties properties;
    private final DomainDirectory directory;
    private final AliasBook aliases;
    private final OpenfireGroups groups;
    private final String domain;

    ContactsAdminView(PluginProperties properties, DomainDirectory directory, AliasBook aliases, OpenfireGroups groups,
                      String domain) {
        this.properties = properties;
        this.directory = directory;
        this.aliases = aliases;
        this.groups = groups;
        this.domain = domain;
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public boolean active() {
        return properties.active.getValue();
    }

    @Override
    public void setActive(boolean active) {
        properties.active.setValue(active);
    }

    @Override
    public String directoryGroup() {
        return properties.directoryGroup.getValue();
    }

    @Override
    public void setDirectoryGroup(String group) {
        properties.directoryGroup.setValue(group == null ? "" : group.strip());
    }

    @Override
    public String aliasGroup() {
        return properties.aliasGroup.getValue();
    }

    @Override
    public void setAliasGroup(String group) {
        properties.aliasGroup.setValue(group == null || group.isBlank() ? "Aliases" : group.strip());
    }

    @Override
    public Set<String> hiddenAccounts() {
        return new TreeSet<>(properties.hidden.getValue());
    }

    @Override
    public boolean setHidden(String username, boolean hidden) {
        Set<String> current = properties.hidden.getValue();
        if (!directory.hasAccount(username) && !(current.contains(username) && !hidden)) {
            return false; // an account deleted while hidden can still be taken off the list
        }
        Set<String> next = new TreeSet<>(properties.hidden.getValue());
        boolean changed = hidden ? next.add(username) : next.remove(username);
        if (changed) {
            properties.hidden.setValue(next); // its listener updates the directory
        }
        return true;
    }

    @Override
    public int accountCount() {
        return directory.accountCount();
    }

    @Override
    public List<DirectoryUser> findUsers(String query, int limit) {
        return directory.find(query, limit);
    }

    @Override
    public boolean isUser(String username) {
        return directory.hasAccount(username);
    }

    @Override
    public List<String> groupNames() {
        return groups.names();
    }

    @Override
    public AliasBook aliases() {
        return aliases;
    }
}
