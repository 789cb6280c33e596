package org.domainchat.directory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Builds a user's roster: their own items as they are, plus every other visible domain user as a contact with
 * subscription {@code both} in the domain group. Where the user has an item of their own for a domain user, its
 * name and groups win, and the subscription is {@code both}. One pass over the directory snapshot, no lookups
 * per contact.
 */
public final class DomainRoster {

    private DomainRoster() {
    }

    /**
     * @param self        the user's username (not a contact of themselves)
     * @param domain      the XMPP domain
     * @param domainGroup the group domain contacts are put in
     * @param own         the user's stored roster items
     */
    public static List<RosterEntry> build(String self, String domain, String domainGroup,
                                          DomainDirectory.Snapshot directory, List<RosterEntry> own) {
        Map<String, RosterEntry> ownByJid = new HashMap<>(own.size() * 2);
        for (RosterEntry e : own) {
            ownByJid.put(e.jid(), e);
        }
        List<RosterEntry> out = new ArrayList<>(directory.users().size() + own.size());
        String suffix = "@" + domain;
        for (DirectoryUser u : directory.users()) {
            if (u.username().equals(self)) {
                continue;
            }
            String jid = u.username() + suffix;
            out.add(merge(jid, u, ownByJid.remove(jid), domainGroup));
        }
        out.addAll(ownByJid.values()); // contacts of their own outside the directory, unchanged
        return out;
    }

    /** The entry one directory user has in a roster whose owner has the items {@code own}: as {@link #build} makes it. */
    public static RosterEntry entryFor(DirectoryUser user, String domain, String domainGroup, List<RosterEntry> own) {
        String jid = user.username() + "@" + domain;
        RosterEntry mine = own.stream().filter(e -> e.jid().equals(jid)).findFirst().orElse(null);
        return merge(jid, user, mine, domainGroup);
    }

    private static RosterEntry merge(String jid, DirectoryUser user, RosterEntry mine, String domainGroup) {
        return merge(jid, user.displayName(), mine, domainGroup);
    }

    /**
     * The rule for every managed contact (colleague or alias): the user's own name and groups win where they have
     * them; the subscription is always "both".
     */
    static RosterEntry merge(String jid, String name, RosterEntry mine, String group) {
        if (mine == null) {
            return new RosterEntry(jid, name, List.of(group), "both", null, true);
        }
        return new RosterEntry(jid, mine.name() != null ? mine.name() : name,
                mine.groups().isEmpty() ? List.of(group) : mine.groups(), "both", null, true);
    }

    /**
     * The XEP-0237 version of a built roster: it changes whenever the directory or the user's own items change, so
     * a reconnecting client with the same version is sent no items.
     */
    public static String version(DomainDirectory.Snapshot directory, List<RosterEntry> own, String domainGroup) {
        CRC32C crc = new CRC32C();
        update(crc, domainGroup);
        List<RosterEntry> sorted = new ArrayList<>(own);
        sorted.sort(java.util.Comparator.comparing(RosterEntry::jid));
        for (RosterEntry e : sorted) {
            update(crc, e.jid());
            update(crc, e.name());
            update(crc, e.subscription());
            update(crc, e.ask());
            for (String g : e.groups().stream().sorted().toList()) {
                update(crc, g);
            }
        }
        return "dc-" + directory.version() + "-" + Long.toHexString(crc.getValue());
    }

    private static void update(CRC32C crc, String s) {
        if (s != null) {
            crc.update(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        crc.update(0);
    }
}
