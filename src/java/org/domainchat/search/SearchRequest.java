package org.domainchat.search;

/**
 * A full-text search of the archive.
 *
 * @param text     words, "phrases", {@code -excluded}, {@code prefix*}, OR; all words must match unless OR is used.
 *                 Blank lists every message that passes the filters.
 * @param contact  bare JID: only messages exchanged with (or, for admins, involving) this party; may be null
 * @param from     earliest archive time, epoch ms inclusive; null for no limit
 * @param until    latest archive time, epoch ms exclusive; null for no limit
 * @param cursor   the {@code nextCursor} of the previous page, or null for the first
 * @param pageSize 1..100
 */
public record SearchRequest(String text, String contact, Long from, Long until, Order order, String cursor,
                            int pageSize) {

    public enum Order { NEWEST, RELEVANCE }

    public static SearchRequest of(String text) {
        return new SearchRequest(text, null, null, null, Order.NEWEST, null, 20);
    }

    public SearchRequest withContact(String bareJid) {
        return new SearchRequest(text, bareJid, from, until, order, cursor, pageSize);
    }

    public SearchRequest withRange(Long fromMillis, Long untilMillis) {
        return new SearchRequest(text, contact, fromMillis, untilMillis, order, cursor, pageSize);
    }

    public SearchRequest withOrder(Order newOrder) {
        return new SearchRequest(text, contact, from, until, newOrder, cursor, pageSize);
    }

    public SearchRequest withCursor(String next) {
        return new SearchRequest(text, contact, from, until, order, next, pageSize);
    }

    public SearchRequest withPageSize(int size) {
        return new SearchRequest(text, contact, from, until, order, cursor, size);
    }
}
