package org.domainchat.archive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The two bare JIDs of a conversation, in a canonical order. Its {@link #key()} is a fixed-width digest so that
 * it can be indexed on every database whatever the JIDs' length; queries also compare both JIDs, so a digest
 * collision can never show one pair another pair's messages.
 */
public record PartyPair(String first, String second) {

    public PartyPair {
        if (first.compareTo(second) > 0) {
            String swap = first;
            first = second;
            second = swap;
        }
    }

    public static PartyPair of(String a, String b) {
        return new PartyPair(a, b);
    }

    /**
     * The one thread of a chat alias: every message written to it, whoever wrote it. The same pair as a chat of a
     * person with themselves would have: see {@link ThreadKind}.
     */
    public static PartyPair aliasThread(String aliasBareJid) {
        return new PartyPair(aliasBareJid, aliasBareJid);
    }

    public String key() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(first.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(second.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public boolean contains(String bareJid) {
        return first.equals(bareJid) || second.equals(bareJid);
    }
}
