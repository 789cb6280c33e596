package org.domainchat.openfire;

import org.domainchat.alias.AliasMessages;
import org.domainchat.archive.ArchiveUnavailableException;
import org.jivesoftware.openfire.interceptor.PacketInterceptor;
import org.jivesoftware.openfire.interceptor.PacketRejectedException;
import org.jivesoftware.openfire.session.ClientSession;
import org.jivesoftware.openfire.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * Takes messages to chat aliases off Openfire's routing path on their first, incoming pass: {@link AliasMessages}
 * delivers the copies (or the writer's error), then the original is rejected without a message or error, which
 * Openfire's message router drops silently. Left alone, Openfire would drop it anyway, since an alias is no account.
 */
final class AliasMessageInterceptor implements PacketInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(AliasMessageInterceptor.class);

    private final AliasMessages messages;

    AliasMessageInterceptor(AliasMessages messages) {
        this.messages = messages;
    }

    @Override
    public void interceptPacket(Packet packet, Session session, boolean incoming, boolean processed)
            throws PacketRejectedException {
        if (!incoming || processed || !(packet instanceof Message message) || !messages.isAliasAddress(message.getTo())) {
            return;
        }
        JID writer = session instanceof ClientSession client && !client.isAnonymousUser() ? client.getAddress() : null;
        try {
            messages.handle(message, writer);
        } catch (ArchiveUnavailableException | RuntimeException e) {
            LOG.error("Message {} from {} to {} not archived, so not delivered", message.getID(), writer,
                    message.getTo(), e);
            PacketRejectedException rejected = new PacketRejectedException(e.getMessage());
            rejected.setRejectionMessage(ArchiveInterceptor.NOT_SENT);
            throw rejected;
        }
        throw new SilentRejection("delivered by the alias"); // delivered (or refused) by domainchat: drop the original
    }
}
