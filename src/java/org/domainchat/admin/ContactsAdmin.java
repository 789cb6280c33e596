package org.domainchat.admin;

import java.util.List;
import java.util.Set;

import org.domainchat.alias.AliasBook;
import org.domainchat.directory.DirectoryUser;

/**
 * What the domain chat admin pages (activation, directory visibility, aliases) need; Openfire's adapter implements
 * it over its system properties, user manager and groups, tests with plain objects. Every setter takes effect at
 * once, without a restart.
 */
public interface ContactsAdmin {

    /** The XMPP domain, e.g. {@code example.com}: aliases are {@code name@domain}. */
    String domain();

    /** {@code domainchat.active}: domain contacts and aliases are on. */
    boolean active();

    void setActive(boolean active);

    /** The roster group domain contacts appear in ({@code domainchat.directory.group}; the domain when blank). */
    String directoryGroup();

    void setDirectoryGroup(String group);

    /** The roster group aliases appear in ({@code domainchat.aliases.group}, default "Aliases"). */
    String aliasGroup();

    void setAliasGroup(String group);

    /** Usernames hidden from the directory ({@code domainchat.directory.hidden}). */
    Set<String> hiddenAccounts();

    /** Hides an account from everyone's contacts, or shows it again; false when there is no such user. */
    boolean setHidden(String username, boolean hidden);

    /** How many accounts the server has. */
    int accountCount();

    /** Accounts whose username or name contains {@code query} (case-insensitive), by name, at most {@code limit}. */
    List<DirectoryUser> findUsers(String query, int limit);

    boolean isUser(String username);

    /** The names of the server's groups (which may come from LDAP/AD), sorted. */
    List<String> groupNames();

    /** The domain's chat aliases: view, check, save, delete. */
    AliasBook aliases();

    /** Names of aliases that an account has since been created with (the alias hides that user's address). */
    default Set<String> aliasNamesTakenByUsers() {
        Set<String> taken = new java.util.TreeSet<>();
        for (String name : aliases().view().byName().keySet()) {
            if (isUser(name)) {
                taken.add(name);
            }
        }
        return taken;
    }
}
