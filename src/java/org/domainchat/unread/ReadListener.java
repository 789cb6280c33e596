package org.domainchat.unread;

/**
 * Told when a user's read marker moved forward, so their other webmail tabs can clear the same badge (the live
 * core turns it into the {@code read} event). Called on the request's thread after the marker is stored; it must
 * not block.
 */
@FunctionalInterface
public interface ReadListener {

    ReadListener NONE = (username, with, upTo) -> {
    };

    /**
     * @param username whose marker moved
     * @param with     the contact's bare JID
     * @param upTo     the archive id now read up to
     */
    void markedRead(String username, String with, long upTo);
}
