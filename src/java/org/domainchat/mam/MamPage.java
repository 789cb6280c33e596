package org.domainchat.mam;

import java.util.List;

/**
 * One page of an archive query.
 *
 * @param messages   oldest first (flipping is the sender's business)
 * @param complete   true when nothing further matches in the paging direction (to the end of the archive, or to
 *                   its start for a page taken with {@code <before>})
 * @param count      how many messages match the query's filters in all (RSM {@code <count>})
 * @param firstIndex the position of the page's first message among them (RSM {@code <first index>}), or -1
 */
record MamPage(List<StoredMessage> messages, boolean complete, long count, long firstIndex) {
}
