package org.domainchat.search;

import java.io.IOException;

import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.MergePolicy;
import org.domainchat.archive.ChatLoad;

/**
 * Lucene's concurrent merge scheduler, whose merges wait up to {@link #MAX_WAIT_MILLIS} while the server is busy
 * delivering chat: under load, merges were the largest share of the archive's CPU, and a merge done a few seconds
 * later costs the same.
 */
final class YieldingMergeScheduler extends ConcurrentMergeScheduler {

    static final long MAX_WAIT_MILLIS = 2000;

    private final ChatLoad load;

    YieldingMergeScheduler(ChatLoad load) {
        this.load = load;
    }

    @Override
    protected void doMerge(MergeSource mergeSource, MergePolicy.OneMerge merge) throws IOException {
        load.yieldFor(MAX_WAIT_MILLIS);
        super.doMerge(mergeSource, merge);
    }
}
