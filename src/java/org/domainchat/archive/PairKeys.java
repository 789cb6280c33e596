package org.domainchat.archive;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link PartyPair#key()} of recent pairs. The archive writer and the indexer each need the key of every message
 * and most messages belong to a pair they have just seen; a digest each time cost them a SHA-256 and a hex string
 * per message. Bounded: when full it starts again, which costs nothing but the digests.
 */
public final class PairKeys {

    private final ConcurrentHashMap<PartyPair, String> keys = new ConcurrentHashMap<>();
    private final int max;

    public PairKeys(int max) {
        this.max = max;
    }

    public String of(PartyPair pair) {
        String key = keys.get(pair);
        if (key == null) {
            key = pair.key();
            if (keys.size() >= max) {
                keys.clear();
            }
            keys.put(pair, key);
        }
        return key;
    }
}
