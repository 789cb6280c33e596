package org.domainchat.archive;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * What the routing path calls for each message it is about to route: archive it if it is a chat, and stamp the
 * recipient's copy with its archive id. The synchronous methods return once the message is durable (tools, tests);
 * Openfire's routing path uses the asynchronous ones, which never wait.
 */
public final class MessageArchiver {

    private final MessageCapture capture;
    private final Archive archive;

    public MessageArchiver(MessageCapture capture, Archive archive) {
        this.capture = capture;
        this.archive = archive;
    }

    /**
     * @return the archived form, or empty when the message is not a chat we keep
     * @throws ArchiveUnavailableException when the message should have been archived but could not be made durable;
     *                                     the caller must then refuse to route it
     */
    public Optional<ArchivedMessage> archive(Message message, MessageCapture.Source source)
            throws ArchiveUnavailableException {
        return archive(message, source, null);
    }

    /** As {@link #archive(Message, MessageCapture.Source)}, with the sending client session's own address. */
    public Optional<ArchivedMessage> archive(Message message, MessageCapture.Source source, JID authenticated)
            throws ArchiveUnavailableException {
        Optional<ArchivedMessage> captured = capture.capture(message, source, authenticated);
        if (captured.isEmpty()) {
            return captured;
        }
        ArchivedMessage stored = archive.append(captured.get());
        if (message.getTo() != null && capture.isLocalDomain(message.getTo())) {
            MessageCapture.stampStanzaId(message, stored.id());
        }
        return Optional.of(stored);
    }

    /** The archived form of {@code message} before it has an id, or empty when it is not a chat we keep. */
    public Optional<ArchivedMessage> capture(Message message, MessageCapture.Source source, JID authenticated) {
        return capture.capture(message, source, authenticated);
    }

    /** The archived form of a message {@code writer} sent to a chat alias, or empty when it has no text. */
    public Optional<ArchivedMessage> captureViaAlias(Message message, JID writer) {
        return capture.captureViaAlias(message, writer);
    }

    /**
     * Archives a captured message without waiting for the disk: for Openfire's handler threads. A one-to-one
     * message to a local user is stamped with its archive id at once; {@code completion} hears, on the journal's
     * thread, when it is durable (only then may it be delivered) or failed.
     *
     * @return the archived form with its id
     * @throws ArchiveUnavailableException at once when the archive cannot take it (closed, or too far behind)
     */
    public ArchivedMessage appendAsync(Message message, ArchivedMessage captured, Archive.Completion completion)
            throws ArchiveUnavailableException {
        // captured.to() is the recipient's bare JID (Tinder parses the attribute again on every getTo())
        boolean stamp = !captured.viaAlias() && capture.isLocalBareJid(captured.to());
        if (!stamp) {
            return archive.appendAsync(captured, completion);
        }
        // The id exists only once the journal has queued the message, and the journal may call back (and the
        // message be routed) before this thread has stamped it: whichever of the two comes second goes on.
        AfterStamp after = new AfterStamp(completion);
        ArchivedMessage stored = archive.appendAsync(captured, after);
        MessageCapture.stampStanzaId(message, stored.id(), captured.to());
        after.stamped();
        return stored;
    }

    /** Passes the journal's outcome on only once the message carries its stanza-id. */
    private static final class AfterStamp implements Archive.Completion {
        private final Archive.Completion next;
        private final AtomicInteger arrived = new AtomicInteger();
        private volatile ArchivedMessage durable;
        private volatile ArchiveUnavailableException failure;

        AfterStamp(Archive.Completion next) {
            this.next = next;
        }

        @Override
        public void durable(ArchivedMessage stored) {
            durable = stored;
            arrive();
        }

        @Override
        public void failed(ArchiveUnavailableException e) {
            failure = e;
            arrive();
        }

        void stamped() {
            arrive();
        }

        private void arrive() {
            if (arrived.incrementAndGet() == 2) {
                if (failure != null) {
                    next.failed(failure);
                } else {
                    next.durable(durable);
                }
            }
        }
    }

    /**
     * Archives a message {@code writer} sent to a chat alias, once, in the alias's thread. The alias router stamps
     * each member's copy with the returned id.
     *
     * @throws ArchiveUnavailableException when it could not be made durable; the router must then not deliver it
     */
    public Optional<ArchivedMessage> archiveViaAlias(Message message, JID writer) throws ArchiveUnavailableException {
        Optional<ArchivedMessage> captured = capture.captureViaAlias(message, writer);
        if (captured.isEmpty()) {
            return captured;
        }
        return Optional.of(archive.append(captured.get()));
    }
}
