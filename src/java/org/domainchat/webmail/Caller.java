package org.domainchat.webmail;

/**
 * Who an authenticated request acts as.
 *
 * @param username   the normalised account name
 * @param jid        {@code username@domain}: the owner of everything this request may read
 * @param via        how the caller proved it
 * @param expiresAt  when the credential used stops working (epoch ms), or 0 when it has no expiry
 * @param generation the user's {@link AccountGenerations} count when the credential was checked
 * @param session    the session the caller used, or null when it used no session
 */
record Caller(String username, String jid, Via via, long expiresAt, long generation, SessionTokens.Key session) {

    Caller(String username, String jid, Via via, long expiresAt) {
        this(username, jid, via, expiresAt, 0, null);
    }

    enum Via {
        SESSION("session"), BACKEND_TOKEN("backend-token"), PASSWORD("password");

        final String label;

        Via(String label) {
            this.label = label;
        }
    }
}
