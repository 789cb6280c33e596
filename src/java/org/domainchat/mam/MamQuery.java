package org.domainchat.mam;

import java.util.List;

import org.xmpp.packet.JID;

/**
 * One XEP-0313 archive query as the client sent it, checked and parsed ({@link MamQueryParser}).
 *
 * @param queryId   the client's {@code queryid}, echoed in every result (may be null)
 * @param with      the {@code with} field: bare or full JID, or null
 * @param start     {@code start}, epoch ms inclusive, or null
 * @param end       {@code end}, epoch ms inclusive, or null
 * @param afterId   {@code after-id}: only messages after this archive id, or null
 * @param beforeId  {@code before-id}: only messages before this archive id, or null
 * @param ids       {@code ids}: only these archive ids, or null
 * @param fulltext  XEP-0431 {@code {urn:xmpp:fulltext:0}fulltext}: webmail search syntax, or null
 * @param max       page size, 0..{@link MamQueryParser#MAX_PAGE}
 * @param after     RSM {@code <after>}: the page after this id, or null
 * @param before    RSM {@code <before>}: the page before this id, or null
 * @param lastPage  RSM {@code <before/>} empty: the newest page
 * @param index     RSM {@code <index>}: skip this many results, or null
 * @param flip      {@code <flip-page/>}: send the page newest first
 */
public record MamQuery(String queryId, JID with, Long start, Long end, Long afterId, Long beforeId, List<Long> ids,
                       String fulltext, int max, Long after, Long before, boolean lastPage, Integer index,
                       boolean flip) {

    /** True when the page is taken from the newest end (RSM {@code <before>}): results are still sent oldest first. */
    public boolean backward() {
        return before != null || lastPage;
    }
}
