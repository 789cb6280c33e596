package org.domainchat.archive;

import java.util.Optional;

import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * What the routing path calls for each message it is about to route: archive it if it is a chat, and stamp the
 * recipient's copy with its archive id. Returns only once the message is durable.
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
