package org.domainchat.unread;

/**
 * How many messages of a thread a user has not read, counted up to {@link #CAP} so that each count reads a bounded
 * number of rows whatever the thread's size.
 *
 * @param count  at most {@link #CAP}
 * @param capped true when there are more than {@link #CAP}
 */
public record Unread(int count, boolean capped) {

    public static final int CAP = 99;
    public static final Unread NONE = new Unread(0, false);
}
