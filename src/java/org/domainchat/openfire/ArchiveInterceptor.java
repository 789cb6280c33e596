package org.domainchat.openfire;

import java.util.concurrent.atomic.AtomicLong;

import org.domainchat.archive.ArchiveUnavailableException;
import org.domainchat.archive.MessageCapture;
import org.domainchat.delivery.ArchiveGate;
import org.jivesoftware.openfire.interceptor.PacketInterceptor;
import org.jivesoftware.openfire.interceptor.PacketRejectedException;
import org.jivesoftware.openfire.session.ClientSession;
import org.jivesoftware.openfire.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * Hands each message to the {@link ArchiveGate} on the router's first, incoming pass: before it is routed (so the
 * recipient's copy carries its stanza-id) and exactly once, whether it is then delivered, stored offline or bounced.
 * Openfire passes the sender's session for local clients (whose {@code from} it has already overwritten) and none
 * for messages from other domains; carbons and offline deliveries only pass outgoing.
 *
 * <p>A message the gate takes is rejected without a text or error, which Openfire's message router drops silently
 * (and leaves out of its second pass); the gate routes it again once the archive holds it. It must be the first
 * interceptor (index 0), so that other plugins see such a message once, on the pass that routes it.
 */
final class ArchiveInterceptor implements PacketInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveInterceptor.class);
    static final String NOT_SENT = ArchiveGate.NOT_SENT;

    /** While messages keep being refused (a full disk), the log gets one line per {@link #LOG_EVERY_MILLIS}. */
    private static final long LOG_EVERY_MILLIS = 10_000;

    private final ArchiveGate gate;
    private final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong refusedSinceLog = new AtomicLong();

    ArchiveInterceptor(ArchiveGate gate) {
        this.gate = gate;
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
        ArchiveGate.Verdict verdict;
        try {
            verdict = gate.incoming(message, source, session != null ? session.getAddress() : null);
        } catch (ArchiveUnavailableException | RuntimeException e) {
            // Every chat is archived or not sent at all: the sender gets an error and can retry.
            logRefusal(message, e);
            PacketRejectedException rejected = new PacketRejectedException(e.getMessage());
            rejected.setRejectionMessage(NOT_SENT);
            throw rejected;
        }
        if (verdict == ArchiveGate.Verdict.TAKEN) {
            throw new SilentRejection("held for the archive"); // routed again by the gate once durable
        }
    }

    private void logRefusal(Message message, Exception e) {
        long refused = refusedSinceLog.incrementAndGet();
        long now = System.currentTimeMillis();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_MILLIS && lastLogged.compareAndSet(last, now)) {
            refusedSinceLog.addAndGet(-refused);
            LOG.error("Message {} from {} not archived, so not routed ({} refused since the last report): {}",
                    message.getID(), message.getFrom(), refused, e.getMessage());
        }
        LOG.debug("Message {} not archived", message.getID(), e);
    }
}
