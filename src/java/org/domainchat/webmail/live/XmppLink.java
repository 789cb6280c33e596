package org.domainchat.webmail.live;

import org.xmpp.packet.Message;

/**
 * One open webmail resource. Calls are serialised by the link itself, so presence changes, sends and the close never
 * interleave. Nothing here changes the user's other resources.
 */
public interface XmppLink {

    /** The resource's full JID, e.g. {@code alice@example.com/webmail-3kq...}. */
    String address();

    /** Announces a new status (not {@link WebmailStatus#OFFLINE}) from this resource only, priority 0. */
    void announce(WebmailStatus status, String statusText);

    /**
     * Sends {@code message} (its {@code to}, {@code id}, {@code type} and payload set; {@code from} is set by the
     * link) as this resource, exactly as a client's stanza: the server's interceptors, archive and carbons see it.
     */
    SendOutcome send(Message message);

    /** Goes unavailable and ends the session; idempotent. {@link Inbound#closed} follows. */
    void close(String reason);

    /** False once the link is closed, whoever closed it. */
    boolean isOpen();

    /** What became of a sent message. */
    sealed interface SendOutcome {
        /** Routed. */
        record Sent() implements SendOutcome {
        }

        /** Refused by the server during routing (e.g. the archive could not store it); {@code text} says why. */
        record Rejected(String text) implements SendOutcome {
        }

        /** The link was closed before the message could be sent. */
        record Closed() implements SendOutcome {
        }
    }
}
