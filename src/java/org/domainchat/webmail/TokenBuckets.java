package org.domainchat.webmail;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets by key (a user, an address), refilled lazily from the clock on each use, so no thread is needed.
 * At most {@code maxKeys} buckets are kept: a full bucket is the same as no bucket and is dropped first; if that is
 * not enough, the least recently used buckets go, which only forgets what those keys spent.
 */
final class TokenBuckets {

    private final int maxKeys;
    /** Access order, eldest first, for the least-recently-used fallback. Guarded by this. */
    private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true);

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }

        void refill(int capacity, long periodMillis, long now) {
            long elapsed = Math.max(0, now - updated); // a clock stepping back refills nothing
            tokens = Math.min(capacity, tokens + (double) elapsed * capacity / periodMillis);
            updated = Math.max(updated, now);
        }
    }

    TokenBuckets(int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys " + maxKeys);
        }
        this.maxKeys = maxKeys;
    }

    /**
     * Takes one token from {@code key}'s bucket, which holds {@code capacity} tokens and refills that many per
     * {@code period}.
     *
     * @return 0 when a token was taken, otherwise the milliseconds until one will be there
     */
    synchronized long tryTake(String key, int capacity, Duration period, long now) {
        long periodMillis = Math.max(1, period.toMillis());
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            makeRoom(capacity, periodMillis, now);
            bucket = new Bucket(capacity, now);
            buckets.put(key, bucket);
        } else {
            bucket.refill(capacity, periodMillis, now);
        }
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - bucket.tokens) * periodMillis / capacity);
    }

    /** Gives back a token taken by {@link #tryTake} (e.g. the attempt turned out not to count). */
    synchronized void giveBack(String key, int capacity) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            bucket.tokens = Math.min(capacity, bucket.tokens + 1);
        }
    }

    synchronized int size() {
        return buckets.size();
    }

    synchronized void clear() {
        buckets.clear();
    }

    /**
     * Before adding a bucket to a full table: drop every bucket that is full again, and if that frees less than a
     * tenth, the least recently used down to nine tenths, so that this costs a full scan at most once per
     * {@code maxKeys / 10} new keys.
     */
    private void makeRoom(int capacity, long periodMillis, long now) {
        if (buckets.size() < maxKeys) {
            return;
        }
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket b = it.next();
            if (b.tokens + (double) Math.max(0, now - b.updated) * capacity / periodMillis >= capacity) {
                it.remove();
            }
        }
        int target = maxKeys - Math.max(1, maxKeys / 10);
        for (Iterator<Map.Entry<String, Bucket>> it = buckets.entrySet().iterator();
             buckets.size() > target && it.hasNext(); ) {
            it.next();
            it.remove();
        }
    }
}
