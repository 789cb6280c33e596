package org.domainchat.openfire;

import org.domainchat.archive.ArchiveUnavailableException;
import org.domainchat.archive.MessageArchiver;
import org.domainchat.archive.MessageCapture;
import org.jivesoftware.openfire.interceptor.PacketInterceptor;
import org.jivesoftware.openfire.interceptor.PacketRejectedException;
import org.jivesoftware.openfire.session.ClientSession;
import org.jivesoftware.openfire.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * Archives each message on the router's first, incoming pass: before it is routed (so the recipient's copy can
 * carry its stanza-id) and exactly once, whether it is then delivered, stored offline or bounced. Openfire passes the
 * sender's session for local clients (whose {@code from} it has already overwritten) and none for messages from
 * other domains; carbons and offline deliveries only pass outgoing.
 */
final class ArchiveInterceptor implements PacketInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveInterceptor.class);
    static final String NOT_SENT = "Your message was not sent because the server could not archive it. "
            + "Please try again in a moment.";

    private final MessageArchiver archiver;

    ArchiveInterceptor(MessageArchiver archiver) {
        this.archiver = archiver;
    }

    @Override
    public void interceptPacket(Packet packet, Session session, boolean incoming, boolean processed)
            throws PacketRejectedException {
        if (!incoming || processed || !(packet instanceof Message message)) {
            return;
        }
        MessageCapture.Source source = session == null ? MessageCapture.Source.NO_SESSION
                : session instanceof ClientSession ? MessageCapture.Source.CLIENT
                : MessageCapture.Source.OTHER;
        try {
            archiver.archive(message, source, session != null ? session.getAddress() : null);
        } catch (ArchiveUnavailableException | RuntimeException e) {
            // Every chat is archived or not sent at all: the sender gets an error and can retry.
            LOG.error("Message {} from {} not archived, so not routed", message.getID(), message.getFrom(), e);
            PacketRejectedException rejected = new PacketRejectedException(e.getMessage());
            rejected.setRejectionMessage(NOT_SENT);
            throw rejected;
        }
    }
}
