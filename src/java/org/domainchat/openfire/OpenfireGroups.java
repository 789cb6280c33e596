package org.domainchat.openfire;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.domainchat.alias.GroupMembers;
import org.jivesoftware.openfire.group.Group;
import org.jivesoftware.openfire.group.GroupManager;
import org.jivesoftware.openfire.group.GroupNotFoundException;
import org.xmpp.packet.JID;

/** Openfire's groups (its own, or LDAP/AD ones it reads) as alias members: the group's users on this domain. */
final class OpenfireGroups implements GroupMembers {

    private final GroupManager groups;
    private final String domain;

    OpenfireGroups(GroupManager groups, String domain) {
        this.groups = groups;
        this.domain = domain;
    }

    @Override
    public Optional<Set<String>> members(String group) {
        try {
            Group g = groups.getGroup(group);
            Set<String> members = new TreeSet<>();
            List<JID> all = new ArrayList<>(g.getMembers());
            all.addAll(g.getAdmins()); // the admin console lists a group's admins among its members
            for (JID member : all) {
                if (member.getNode() != null && domain.equals(member.getDomain())) {
                    members.add(member.getNode());
                }
            }
            return Optional.of(members);
        } catch (GroupNotFoundException e) {
            return Optional.empty();
        }
    }

    List<String> names() {
        List<String> names = new ArrayList<>();
        for (Group g : groups.getGroups()) {
            names.add(g.getName());
        }
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }
}
