package org.domainchat.archive;

/** What the archive needs to know about the server's accounts. */
public interface LocalUsers {

    /** The XMPP domain served by this server, e.g. {@code example.com}. */
    String domain();

    /** True when {@code username} (a JID node) is a registered account of this server. */
    boolean exists(String username);
}
