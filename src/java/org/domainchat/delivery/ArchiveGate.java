package org.domainchat.delivery;

import java.util.Optional;
import java.util.function.Consumer;

import org.domainchat.archive.Archive;
import org.domainchat.archive.ArchiveUnavailableException;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.archive.MessageArchiver;
import org.domainchat.archive.MessageCapture;
import org.domainchat.archive.StanzaIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * The archive's gate on the server's routing path, which runs on Openfire's client handler threads and so must
 * never wait for the disk or for another thread.
 *
 * <p>A chat message to keep is appended to the journal without waiting and taken off the routing path; once the
 * journal says it is durable it is routed again, from one of our own threads, through the server's whole routing
 * (privacy lists, carbons, offline storage, other plugins' interceptors), and this gate lets that second pass
 * through. So a message is never delivered before the archive holds it, it is archived exactly once, and the
 * handler thread is free at once. A sender's later messages, whatever they are, queue behind their held ones
 * ({@link DeliveryLines}), so every sender's messages arrive in the order they were sent.
 */
public final class ArchiveGate {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveGate.class);

    /** The text of the error message a sender gets when their message could not be archived, so was not sent. */
    public static final String NOT_SENT = "Your message was not sent because the server could not archive it. "
            + "Please try again in a moment.";

    /** The server's routing, entered again for a released message (Openfire's {@code MessageRouter.route}). */
    @FunctionalInterface
    public interface Router {
        void route(Message message);
    }

    /** Sends a stanza the gate writes itself (an error for the sender) to one address. */
    @FunctionalInterface
    public interface Replies {
        void send(JID to, Message message);
    }

    /** What the gate decided for one message on its first pass. */
    public enum Verdict {
        /** Route it now, on this thread. */
        PASS,
        /** Drop it from this pass without a word: the gate delivers it later (or tells the sender why not). */
        TAKEN
    }

    private final MessageArchiver archiver;
    private final DeliveryLines lines;
    private final Router router;
    private final Replies replies;
    /** The message a lane is routing again right now, so its second pass through the gate passes. */
    private final ThreadLocal<Message> rerouting = new ThreadLocal<>();

    /**
     * @param router  routes a released message through the server again
     * @param replies sends the sender an error message when the archive could not take theirs
     */
    public ArchiveGate(MessageArchiver archiver, DeliveryLines lines, Router router,
                       Replies replies) {
        this.archiver = archiver;
        this.lines = lines;
        this.router = router;
        this.replies = replies;
    }

    /**
     * A message on its first, incoming pass.
     *
     * @param sender the sending client session's address, or null for a message from another domain or from
     *               server-side code
     * @throws ArchiveUnavailableException when a chat message cannot even be queued for the archive (closed, or too
     *                                     far behind): the caller refuses it with {@link #NOT_SENT} at once
     */
    public Verdict incoming(Message message, MessageCapture.Source source, JID sender)
            throws ArchiveUnavailableException {
        if (rerouting.get() == message) {
            return Verdict.PASS;
        }
        normaliseType(message);
        JID from = sender != null ? sender : message.getFrom();
        protectArchiveIds(message, message.getTo(), from);
        Optional<ArchivedMessage> captured = archiver.capture(message, source, sender);
        Object line = from == null ? NO_SENDER : from;
        if (captured.isPresent()) {
            DeliveryLines.Place place = lines.hold(line);
            try {
                archiver.appendAsync(message, captured.get(), new Archive.Completion() {
                    @Override
                    public void durable(ArchivedMessage stored) {
                        place.ready(() -> reroute(message));
                    }

                    @Override
                    public void failed(ArchiveUnavailableException e) {
                        LOG.error("Message {} from {} not archived, so not delivered", message.getID(), from, e);
                        place.ready(() -> notSent(message, from));
                    }
                });
            } catch (ArchiveUnavailableException | RuntimeException e) {
                place.ready(() -> { }); // its place is given up; the caller refuses the message
                throw e;
            }
            return Verdict.TAKEN;
        }
        if (lines.busy(line)) {
            lines.hold(line).ready(() -> reroute(message));
            return Verdict.TAKEN;
        }
        return Verdict.PASS;
    }

    /**
     * Archives a message that is delivered by other means (the copies an alias sends) and hands the stored message
     * to {@code deliver} on the sender's line once it is durable, or runs {@code refuse} if it cannot be made
     * durable. Never waits.
     *
     * @return the stored message, with its archive id
     * @throws ArchiveUnavailableException when it cannot even be queued: nothing runs, the caller refuses it
     */
    public ArchivedMessage archiveThen(JID sender, Message message, ArchivedMessage captured,
                                       Consumer<ArchivedMessage> deliver, Runnable refuse)
            throws ArchiveUnavailableException {
        DeliveryLines.Place place = lines.hold(sender);
        try {
            return archiver.appendAsync(message, captured, new Archive.Completion() {
                @Override
                public void durable(ArchivedMessage stored) {
                    place.ready(() -> deliver.accept(stored));
                }

                @Override
                public void failed(ArchiveUnavailableException e) {
                    LOG.error("Message {} from {} not archived, so not delivered", message.getID(), sender, e);
                    place.ready(refuse);
                }
            });
        } catch (ArchiveUnavailableException | RuntimeException e) {
            place.ready(() -> { });
            throw e;
        }
    }

    /** Runs {@code deliver} after what {@code sender} sent before: at once on this thread when nothing waits. */
    public void inOrder(JID sender, Runnable deliver) {
        if (sender != null && lines.busy(sender)) {
            lines.hold(sender).ready(deliver);
        } else {
            deliver.run();
        }
    }

    /**
     * RFC 6121 5.2.2: a message whose type the server does not understand is treated as {@code normal}. Tinder would
     * throw on reading such a type, here and in Openfire's own code (its rejection reply copies the type), which
     * closed the sender's stream; so the attribute goes, and the message is an ordinary normal message.
     */
    private static void normaliseType(Message message) {
        String type = message.getElement().attributeValue("type");
        if (type == null) {
            return;
        }
        for (Message.Type known : Message.Type.values()) {
            if (known.name().equals(type)) {
                return;
            }
        }
        LOG.debug("Message {} from {} had type '{}': treated as normal", message.getID(), message.getFrom(),
                type.length() > 40 ? type.substring(0, 40) : type);
        message.getElement().addAttribute("type", null);
    }

    /**
     * Only the server says which id a message has in an archive of this server: claims of the recipient's (and the
     * sender's own) archive are removed from every message, kept or not.
     */
    private static void protectArchiveIds(Message message, JID to, JID from) {
        if (to != null && to.getNode() != null) {
            StanzaIds.removeClaimsOf(message, to.toBareJID());
        }
        if (from != null && from.getNode() != null) {
            StanzaIds.removeClaimsOf(message, from.toBareJID());
        }
    }

    private void reroute(Message message) {
        rerouting.set(message);
        try {
            router.route(message);
        } finally {
            rerouting.remove();
        }
    }

    private void notSent(Message message, JID sender) {
        if (sender == null || message.getType() == Message.Type.error) {
            return; // never answer an error with an error; nobody to tell for server-side messages
        }
        replies.send(sender, notSentReply(message, sender));
    }

    /** What Openfire's message router sends for a rejected message: the same id, thread and type, from its recipient. */
    public static Message notSentReply(Message original, JID sender) {
        Message reply = new Message();
        reply.setID(original.getID());
        reply.setTo(sender);
        reply.setFrom(original.getTo());
        reply.setType(original.getType());
        reply.setThread(original.getThread());
        reply.setBody(NOT_SENT);
        return reply;
    }

    /** The line of messages that have no sender address (never seen in practice; kept in one line). */
    private static final Object NO_SENDER = new Object();

    /** For status figures and tests: whether anything is held or being delivered. */
    public boolean idle() {
        return lines.activeSenders() == 0;
    }
}
