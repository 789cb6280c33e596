package org.domainchat.colleagues;

/** What the server knows of a user's activity; Openfire's session and presence managers in production. */
public interface Activity {

    /** True while the user has at least one session (any resource, available or not). */
    boolean hasSessions(String username);

    /** Milliseconds since the user's last session ended, or -1 when the server does not know. */
    long millisSinceLastActivity(String username);

    /** The status text of the user's last unavailable presence, or null. */
    String lastStatus(String username);
}
