package org.domainchat.webmail;

/**
 * Checks a user's own server password. Openfire's adapter implements it with
 * {@code AuthFactory.authenticate(username, password)}; the API never sees how passwords are stored.
 */
public interface CredentialCheck {

    enum Result { OK, BAD_PASSWORD, UNKNOWN_USER }

    /**
     * @param username a normalised account name (JID node) of the local domain
     * @throws Unavailable when the password cannot be checked right now (e.g. the LDAP server is down); the caller
     *                     answers "try again later", never "wrong password"
     */
    Result check(String username, String password) throws Unavailable;

    /** The authentication backend could not give an answer. */
    final class Unavailable extends Exception {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
