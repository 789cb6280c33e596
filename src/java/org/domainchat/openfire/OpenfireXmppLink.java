package org.domainchat.openfire;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.domainchat.util.XmlChars;
import org.domainchat.webmail.live.WebmailStatus;
import org.domainchat.webmail.live.XmppLink;
import org.jivesoftware.openfire.SessionPacketRouter;
import org.jivesoftware.openfire.session.LocalClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;

/**
 * One webmail resource on Openfire: its session, the router that speaks as it, and its connection. Everything the
 * resource itself routes (presences, messages, IQ answers, the goodbye) goes through one lock, so that none of them
 * interleave; the connection's {@code deliver} never takes it, because Openfire delivers to the resource inside
 * these very routing calls.
 */
final class OpenfireXmppLink implements XmppLink {

    private static final Logger LOG = LoggerFactory.getLogger(OpenfireXmppLink.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final String CARBONS = "urn:xmpp:carbons:2";

    private final WebmailConnection connection;
    private final LocalClientSession session;
    private final SessionPacketRouter router;
    private final Executor answering;
    private final ReentrantLock routing = new ReentrantLock();
    private final AtomicBoolean closing = new AtomicBoolean();

    /** @param answering where IQ answers are routed: never the delivering thread, which may hold any lock */
    OpenfireXmppLink(WebmailConnection connection, LocalClientSession session, SessionPacketRouter router,
                     Executor answering) {
        this.connection = connection;
        this.session = session;
        this.router = router;
        this.answering = answering;
    }

    WebmailConnection connection() {
        return connection;
    }

    LocalClientSession session() {
        return session;
    }

    @Override
    public String address() {
        return session.getAddress().toString();
    }

    /**
     * Makes the bound resource a client like any other: carbons first, so that no message of the user's other
     * resources is missed once the initial presence makes it available (and floods offline messages into it).
     */
    void start(WebmailStatus status, String statusText) {
        routing.lock();
        try {
            IQ carbons = new IQ(IQ.Type.set);
            carbons.setTo(session.getAddress().asBareJID());
            carbons.setChildElement("enable", CARBONS);
            router.route(carbons);
            router.route(presence(status, statusText));
        } finally {
            routing.unlock();
        }
    }

    @Override
    public void announce(WebmailStatus status, String statusText) {
        if (status == WebmailStatus.OFFLINE) {
            throw new IllegalArgumentException("offline is a close, not a presence");
        }
        routing.lock();
        try {
            if (isOpen()) {
                router.route(presence(status, statusText));
            }
        } catch (RuntimeException e) {
            LOG.warn("domainchat webmail {}: the status could not be announced", connection.id(), e);
        } finally {
            routing.unlock();
        }
    }

    /**
     * A new presence every time: Openfire keeps the routed instance as the session's presence. No {@code to}: that
     * would make it a directed presence instead of a broadcast. Priority 0 keeps the webmail behind any desktop
     * client with a higher priority for bare-JID messages, while carbons still bring it every chat.
     */
    private static Presence presence(WebmailStatus status, String statusText) {
        Presence presence = new Presence();
        presence.setPriority(0);
        if (status.show() != null) {
            presence.setShow(status.show());
        }
        // The API refuses such characters, but a text remembered before it did (Openfire's user properties) comes
        // back at every open: one of them in the presence closes every colleague's stream, at once and at login.
        String text = XmlChars.clean(statusText);
        if (text != null && !text.isBlank()) {
            presence.setStatus(text);
        }
        return presence;
    }

    /** Routes {@code message} as is: it is handed over and must not be changed afterwards. */
    @Override
    public SendOutcome send(Message message) {
        JID to = Objects.requireNonNull(message.getTo(), "a message needs its 'to'");
        if (message.getID() == null || message.getID().isBlank()) {
            message.setID(UUID.randomUUID().toString()); // the rejection is recognised by its id
        }
        String id = message.getID();
        routing.lock();
        try {
            if (!isOpen()) {
                return new SendOutcome.Closed();
            }
            JID self = session.getAddress();
            message.setFrom(self);
            // a message to the resource itself comes back just like a rejection would: not watched
            boolean watched = !to.equals(self);
            if (watched) {
                connection.watchSend(id, to);
            }
            Optional<String> rejection;
            try {
                router.route(message);
            } catch (RuntimeException e) {
                LOG.warn("domainchat webmail {}: message {} could not be routed", connection.id(), id, e);
                return new SendOutcome.Rejected("The server could not send the message.");
            } finally {
                rejection = watched ? connection.unwatchSend(id) : Optional.empty();
            }
            return rejection.<SendOutcome>map(SendOutcome.Rejected::new).orElseGet(SendOutcome.Sent::new);
        } finally {
            routing.unlock();
        }
    }

    /** Routes an answer to an IQ request on the answering executor; dropped if the resource has gone meanwhile. */
    void answer(IQ reply) {
        try {
            answering.execute(() -> {
                routing.lock();
                try {
                    if (isOpen()) {
                        router.route(reply);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("domainchat webmail {}: an IQ answer could not be routed", connection.id(), e);
                } finally {
                    routing.unlock();
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("domainchat webmail {}: IQ answer dropped (stopping or overloaded): {}", connection.id(), reply);
        }
    }

    @Override
    public void close(String reason) {
        CompletableFuture<Void> closed = startClose(reason);
        try {
            closed.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("domainchat webmail {}: Openfire did not finish closing within {}", connection.id(), CLOSE_WAIT);
        } catch (ExecutionException e) {
            LOG.warn("domainchat webmail {}: closing failed", connection.id(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Goes unavailable, as a well-behaved client does before it leaves, then closes the connection; Openfire removes
     * the session and then calls {@link WebmailConnection#closeVirtualConnection}. Idempotent; does not wait.
     *
     * @return completed once Openfire has finished closing
     */
    CompletableFuture<Void> startClose(String reason) {
        if (closing.compareAndSet(false, true)) {
            connection.recordCloseReason(reason);
            goodbye();
            try {
                connection.close();
            } catch (RuntimeException e) {
                LOG.warn("domainchat webmail {}: the connection could not be closed", connection.id(), e);
            }
        }
        return connection.getCloseFuture().toCompletableFuture();
    }

    /** Bounded: a close must happen even while a routing call of this resource is stuck. */
    private void goodbye() {
        boolean locked = false;
        try {
            locked = routing.tryLock(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (!locked) {
                // Openfire's own close handling broadcasts the unavailable presence instead
                LOG.warn("domainchat webmail {}: busy for {}, closing without a goodbye", connection.id(), CLOSE_WAIT);
            } else if (!connection.isClosed()) {
                router.route(new Presence(Presence.Type.unavailable));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("domainchat webmail {}: the unavailable presence could not be routed", connection.id(), e);
        } finally {
            if (locked) {
                routing.unlock();
            }
        }
    }

    @Override
    public boolean isOpen() {
        return !closing.get() && !connection.isClosed();
    }

    @Override
    public String toString() {
        return "OpenfireXmppLink{" + connection + "}";
    }
}
