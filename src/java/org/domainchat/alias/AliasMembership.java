package org.domainchat.alias;

import java.util.Set;

/**
 * Which addresses are chat aliases and who belongs to them, as history and search need it: members see an alias's
 * whole thread, everyone else only their own part of it.
 */
public interface AliasMembership {

    /** No aliases at all: for tools and tests of plain one-to-one archives. */
    AliasMembership NONE = new AliasMembership() {
        @Override
        public boolean isAlias(String bareJid) {
            return false;
        }

        @Override
        public boolean isMember(String aliasBareJid, String userBareJid) {
            return false;
        }

        @Override
        public Set<String> aliasesOf(String userBareJid) {
            return Set.of();
        }
    };

    boolean isAlias(String bareJid);

    boolean isMember(String aliasBareJid, String userBareJid);

    /** The bare JIDs of the aliases {@code userBareJid} is a member of. */
    Set<String> aliasesOf(String userBareJid);
}
