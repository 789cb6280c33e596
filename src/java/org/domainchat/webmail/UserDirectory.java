package org.domainchat.webmail;

/** What the API needs to know about the server's accounts; Openfire's adapter implements it. */
public interface UserDirectory {

    /** The XMPP domain served by this server (e.g. {@code example.com}); users are {@code username@domain}. */
    String domain();

    /** True when {@code username} (a normalised JID node) is a registered account of this server. */
    boolean exists(String username);

    /** True when {@code username} is an Openfire administrator ({@code AdminManager.isUserAdmin}). */
    boolean isAdmin(String username);

    /**
     * True while {@code username} is disabled (locked out) by an administrator or Openfire's lockout rules
     * ({@code LockOutManager.isAccountDisabled}): such an account may not log in, read or send.
     */
    boolean isDisabled(String username);
}
