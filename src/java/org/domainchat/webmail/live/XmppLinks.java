package org.domainchat.webmail.live;

import java.util.Locale;

/**
 * Opens webmail resources: real client sessions of the server, without a socket. Openfire's adapter implements it
 * with a {@code VirtualConnection}, {@code SessionManager.createClientSession} and {@code bindResource}; tests with
 * plain objects.
 */
public interface XmppLinks {

    /**
     * Opens a new resource {@code webmail-<random>} for {@code username}, enables carbons on it and announces
     * {@code status} (never {@link WebmailStatus#OFFLINE}) with priority 0. Stanzas for the resource reach
     * {@code inbound} from the moment the resource is bound, so possibly before this method returns. Blocks for at
     * most a few seconds (resource binding); call it from a request thread, never from a packet-routing thread.
     *
     * @param locale        the user's language, handed to the server's session
     * @param clientAddress the webmail client's IP address as the server should show it
     * @throws LinkException when the server cannot open the resource (conflict, shutdown, disabled account)
     */
    XmppLink open(String username, WebmailStatus status, String statusText, Locale locale, String clientAddress,
                  Inbound inbound) throws LinkException;
}
