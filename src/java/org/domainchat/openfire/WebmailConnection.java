package org.domainchat.openfire;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.domainchat.webmail.live.Inbound;
import org.jivesoftware.openfire.PacketDeliverer;
import org.jivesoftware.openfire.net.VirtualConnection;
import org.jivesoftware.openfire.session.LocalClientSession;
import org.jivesoftware.openfire.spi.ConnectionConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.StreamError;

/**
 * The connection of a webmail resource: a client session of Openfire without a socket, as BOSH and WebSocket have.
 * Whatever Openfire delivers to the resource is copied and handed to the {@link Inbound}; IQ requests are answered.
 * {@code deliver} runs on any routing thread, concurrently and re-entrantly inside the resource's own routing calls,
 * so it never blocks, never takes the link's routing lock and never throws.
 */
final class WebmailConnection extends VirtualConnection {

    private static final Logger LOG = LoggerFactory.getLogger(WebmailConnection.class);

    /** The reason given when Openfire ends the session without saying why (e.g. the admin console's kill). */
    static final String CLOSED_BY_SERVER = "closed";

    private final String id;
    private final InetAddress client;
    private final Inbound inbound;
    private final PacketDeliverer backup;
    private final Supplier<ConnectionConfiguration> configurationSource;
    private final IqAnswers answers;
    private final Consumer<WebmailConnection> whenClosed;
    private final SendWatch sends = new SendWatch();
    private final AtomicReference<String> closeReason = new AtomicReference<>();
    private final AtomicBoolean closedTold = new AtomicBoolean();
    private volatile LocalClientSession session;
    private volatile Consumer<IQ> replies;
    private volatile ConnectionConfiguration configuration;

    /**
     * @param backup              where messages go that arrive after the close (Openfire's offline store); may be null
     * @param configurationSource Openfire's c2s listener configuration, asked for once when Openfire needs it
     * @param whenClosed          told once the connection has closed, after {@code inbound}
     */
    WebmailConnection(String id, String clientAddress, Inbound inbound, PacketDeliverer backup,
                      Supplier<ConnectionConfiguration> configurationSource, IqAnswers answers,
                      Consumer<WebmailConnection> whenClosed) {
        this.id = id;
        this.client = ClientAddress.parse(clientAddress);
        this.inbound = inbound;
        this.backup = backup;
        this.configurationSource = configurationSource;
        this.answers = answers;
        this.whenClosed = whenClosed;
    }

    /**
     * Connects the session Openfire created over this connection, and where answers to IQ requests go. Done before
     * the resource is bound: from then on stanzas arrive. {@code replies} must not route on the calling thread.
     */
    void attach(LocalClientSession session, Consumer<IQ> replies) {
        this.session = session;
        this.replies = replies;
    }

    String id() {
        return id;
    }

    /** The reason {@link Inbound#closed} will give, unless another was recorded first. */
    void recordCloseReason(String reason) {
        closeReason.compareAndSet(null, reason);
    }

    /** The resource never opened for its caller: closing it must not be reported to the {@link Inbound}. */
    void silence() {
        closedTold.set(true);
    }

    /** Starts watching for a synchronous rejection of the message {@code id} to {@code to}. */
    void watchSend(String id, JID to) {
        sends.start(id, to);
    }

    /** Stops watching {@code id}; the rejection text if the server refused the message meanwhile. */
    Optional<String> unwatchSend(String id) {
        return sends.stop(id);
    }

    @Override
    public void deliver(Packet packet) {
        try {
            if (isClosed()) {
                // as BOSH and WebSocket do: a message still finds the user later, anything else is dropped
                if (packet instanceof Message && backup != null) {
                    backup.deliver(packet);
                }
                return;
            }
            // Openfire routes one instance to many sessions, changing its 'to' in between: never keep the original
            Packet copy = packet.createCopy();
            LocalClientSession s = session;
            if (s != null) {
                s.incrementServerPacketCount();
            }
            if (copy instanceof Message m && sends.isRejection(m)) {
                return;
            }
            if (copy instanceof IQ iq) {
                answer(iq);
            }
            inbound.deliver(copy);
        } catch (Exception e) {
            LOG.warn("domainchat webmail {}: a stanza could not be taken: {}", id, packet, e);
        }
    }

    private void answer(IQ iq) {
        Consumer<IQ> sink = replies;
        if (sink != null) {
            answers.answer(iq).ifPresent(sink);
        }
    }

    /** Openfire writes a stream error here right before it closes a session it kicks (a conflict, a shutdown). */
    @Override
    public void deliverRawText(String text) {
        if (text == null || !text.startsWith("<stream:error")) {
            return;
        }
        try {
            StreamError error = new StreamError(DocumentHelper.parseText(text).getRootElement());
            if (error.getCondition() != null) {
                recordCloseReason(error.getCondition().toXMPP());
            }
        } catch (DocumentException | RuntimeException e) {
            LOG.debug("domainchat webmail {}: unreadable stream error {}", id, text, e);
        }
    }

    @Override
    public byte[] getAddress() {
        return client.getAddress();
    }

    @Override
    public String getHostAddress() {
        return client.getHostAddress();
    }

    /** The address again: a reverse lookup for a display value is not worth a DNS query. */
    @Override
    public String getHostName() {
        return client.getHostAddress();
    }

    @Override
    public void systemShutdown() {
        close(new StreamError(StreamError.Condition.system_shutdown));
    }

    @Override
    public Optional<String> getTLSProtocolName() {
        return Optional.empty();
    }

    @Override
    public Optional<String> getCipherSuiteName() {
        return Optional.empty();
    }

    /** Openfire's c2s settings, as BOSH and WebSocket report them; never null (stream features read it). */
    @Override
    public ConnectionConfiguration getConfiguration() {
        ConnectionConfiguration c = configuration;
        if (c == null) {
            c = configurationSource.get();
            configuration = c;
        }
        return c;
    }

    /**
     * The single place where the end of the resource is known, whoever closed it: Openfire has removed the session
     * by now. Runs on whatever thread finished Openfire's close listeners.
     */
    @Override
    public void closeVirtualConnection(StreamError error) {
        String reason = closeReason.get();
        if (reason == null) {
            reason = error != null && error.getCondition() != null ? error.getCondition().toXMPP()
                    : CLOSED_BY_SERVER;
        }
        sends.clear();
        replies = null;
        if (closedTold.compareAndSet(false, true)) {
            try {
                inbound.closed(reason);
            } catch (RuntimeException e) {
                LOG.warn("domainchat webmail {}: the close could not be passed on", id, e);
            }
        }
        try {
            whenClosed.accept(this);
        } catch (RuntimeException e) {
            LOG.warn("domainchat webmail {}: could not be forgotten", id, e);
        }
    }

    @Override
    public String toString() {
        return "WebmailConnection{id=" + id + ", client=" + client.getHostAddress() + ", closed=" + isClosed() + "}";
    }
}
