package org.domainchat.alias;

import java.util.Optional;
import java.util.Set;

/** Openfire's groups (which may come from LDAP/AD), for aliases that follow a group. */
public interface GroupMembers {

    /** No groups: for tests and tools. */
    GroupMembers NONE = group -> Optional.empty();

    /** The usernames of the group's members on this domain, or empty when there is no such group. */
    Optional<Set<String>> members(String group);
}
