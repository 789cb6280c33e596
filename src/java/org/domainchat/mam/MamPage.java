package org.domainchat.mam;

import java.util.List;

/**
 * One page of an archive query.
 *
 * @param messages   oldest first (flipping is the sender's business)
 * @param complete   true when nothing further matches in the paging direction (to the end of the archive, or to
 *                   its start for a page taken with {@code <before>})
 * @param count      how many messages match the query's filters in all (RSM {@code <count>}), or {@link #UNKNOWN}
 *                   when finding out would read more rows than a query may count
 * @param firstIndex the position of the page's first message among them (RSM {@code <first index>}), or
 *                   {@link #UNKNOWN} (always for an empty page)
 */
record MamPage(List<StoredMessage> messages, boolean complete, long count, long firstIndex) {

    /** A count or index that is not given. */
    static final long UNKNOWN = -1;
}
