package org.domainchat.alias;

import java.util.Set;

/**
 * A chat alias such as {@code salesteam@example.com}: an address that reaches every online member.
 *
 * @param name         the local part ({@code salesteam})
 * @param displayName  what contact lists show
 * @param members      usernames listed as members
 * @param group        an Openfire group whose members are members too (follows LDAP/AD groups), or null
 * @param enabled      false: the alias answers with an error and is no one's contact
 * @param visibility   who sees it as a contact and may write to it
 * @param storeOffline true: members who are offline get the message when they next log in, instead of the sender
 *                     being told that nobody is online
 */
public record Alias(String name, String displayName, Set<String> members, String group, boolean enabled,
                    Visibility visibility, boolean storeOffline) {

    public enum Visibility { ALL, MEMBERS }

    public Alias {
        members = Set.copyOf(members);
    }
}
