package org.domainchat.openfire;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.domainchat.webmail.live.Inbound;
import org.domainchat.webmail.live.LinkException;
import org.domainchat.webmail.live.WebmailStatus;
import org.domainchat.webmail.live.XmppLink;
import org.domainchat.webmail.live.XmppLinks;
import org.jivesoftware.openfire.SessionManager;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.session.LocalClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

/**
 * Opens webmail resources as real Openfire client sessions without a socket (recipe: {@code
 * docs/design/webmail-sessions.md} §9), and closes them all when the plugin unloads: Openfire does nothing about
 * sessions a plugin created, and one left behind would keep delivering into an unloaded class loader.
 * <p>
 * If {@link #open} throws, the {@link Inbound} is not told {@code closed} for that attempt (unless the server closed
 * the resource at the same moment), although stanzas may have reached it already.
 */
public final class OpenfireXmppLinks implements XmppLinks {

    private static final Logger LOG = LoggerFactory.getLogger(OpenfireXmppLinks.class);

    /** Session data key on every webmail session (value: the link id), so interceptors can tell them apart. */
    public static final String SESSION_TAG = "domainchat.webmail";
    /** The reason the webmail is given when the plugin unloads. */
    static final String SHUTDOWN = "shutdown";
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(5);
    private static final int ANSWER_THREADS = 2;
    private static final int ANSWER_QUEUE = 10_000;

    private final WebmailServer server;
    private final IqAnswers answers;
    private final Duration bindTimeout;
    private final Supplier<String> ids;
    private final ThreadPoolExecutor answering;
    private final ConcurrentMap<String, OpenfireXmppLink> links = new ConcurrentHashMap<>();
    private final AtomicBoolean stopped = new AtomicBoolean();

    /**
     * @param softwareVersion announced to {@code jabber:iq:version} requests
     * @param ids             the random part of each resource name
     */
    OpenfireXmppLinks(WebmailServer server, String softwareVersion, Duration bindTimeout, Supplier<String> ids) {
        this.server = server;
        this.answers = new IqAnswers(softwareVersion);
        this.bindTimeout = bindTimeout;
        this.ids = ids;
        // threads only while there are answers to route; stopped by closeAll
        this.answering = new ThreadPoolExecutor(ANSWER_THREADS, ANSWER_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(ANSWER_QUEUE), r -> {
                    Thread t = new Thread(r, "domainchat-webmail-answers");
                    t.setDaemon(true);
                    return t;
                });
        this.answering.allowCoreThreadTimeOut(true);
    }

    /** On the running server; call {@link #closeAll} when the plugin unloads. */
    public static OpenfireXmppLinks production(XMPPServer server, String softwareVersion) {
        return new OpenfireXmppLinks(new OpenfireWebmailServer(server), softwareVersion, BIND_TIMEOUT,
                randomIds(new SecureRandom()));
    }

    /** 22 url-safe characters (128 bits): unguessable, so that a conflict can only be a retry of our own. */
    static Supplier<String> randomIds(SecureRandom random) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return () -> {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            return encoder.encodeToString(bytes);
        };
    }

    @Override
    public XmppLink open(String username, WebmailStatus status, String statusText, Locale locale,
                         String clientAddress, Inbound inbound) throws LinkException {
        if (status == WebmailStatus.OFFLINE) {
            throw new IllegalArgumentException("offline needs no resource");
        }
        String account = account(username);
        String id = ids.get();
        String resource = JID.resourceprep("webmail-" + id);
        WebmailConnection connection = new WebmailConnection(id, clientAddress, inbound, server.backupDeliverer(),
                server::clientConfiguration, answers, this::forget);
        OpenfireXmppLink link = bound(connection, account, resource, locale);
        links.put(id, link);
        if (connection.isClosed()) {
            forget(connection); // kicked before it was registered: its own forget came too early
        }
        if (stopped.get()) {
            throw abandon(link, "the server is stopping", null);
        }
        try {
            server.resourceBound(link.session());
        } catch (RuntimeException e) {
            LOG.warn("domainchat webmail {}: Openfire's resource_bound listeners failed", id, e);
        }
        try {
            link.start(status, statusText);
        } catch (RuntimeException e) {
            throw abandon(link, "the resource could not be announced", e);
        }
        LOG.debug("domainchat webmail {}: {} open from {}", id, link.address(), clientAddress);
        return link;
    }

    /** The exact Openfire username of an account that may have a session now. */
    private String account(String username) throws LinkException {
        Optional<String> account;
        boolean lockedOut;
        try {
            if (stopped.get() || server.isShuttingDown()) {
                throw new LinkException(LinkException.Kind.UNAVAILABLE, "the server is stopping");
            }
            account = server.account(username);
            lockedOut = account.isPresent() && server.isLockedOut(account.get());
        } catch (RuntimeException e) {
            // the user or lockout provider (e.g. LDAP) is unreachable: not the user's fault
            throw new LinkException(LinkException.Kind.UNAVAILABLE, "the account could not be checked", e);
        }
        if (account.isEmpty()) {
            throw new LinkException(LinkException.Kind.REFUSED, "no such account");
        }
        if (lockedOut) {
            throw new LinkException(LinkException.Kind.REFUSED, "the account is locked out");
        }
        return account.get();
    }

    /** A session over {@code connection}, bound to {@code resource}, with the link that speaks for it. */
    private OpenfireXmppLink bound(WebmailConnection connection, String account, String resource, Locale locale)
            throws LinkException {
        OpenfireXmppLink link;
        SessionManager.BindResult result;
        try {
            // Openfire's texts for the session (e.g. errors) follow its language; English when the webmail has none
            LocalClientSession session = server.createClientSession(connection,
                    locale == null ? Locale.ENGLISH : locale);
            link = new OpenfireXmppLink(connection, session, server.router(session), answering);
            connection.attach(session, link::answer);
            session.setSessionData(SESSION_TAG, connection.id());
            result = server.bind(session, account, resource).get(bindTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw unbound(connection, LinkException.Kind.UNAVAILABLE, "binding took longer than " + bindTimeout, e);
        } catch (ExecutionException e) {
            throw unbound(connection, LinkException.Kind.UNAVAILABLE, "binding failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unbound(connection, LinkException.Kind.UNAVAILABLE, "interrupted while binding", e);
        } catch (RuntimeException e) {
            // IllegalStateException: the server is starting or stopping
            throw unbound(connection, LinkException.Kind.UNAVAILABLE, "the server cannot open sessions now", e);
        }
        if (result != SessionManager.BindResult.BOUND) {
            // CONFLICT also stands for a busy bind pool: "not bound, try again"
            throw unbound(connection, LinkException.Kind.CONFLICT, "the resource could not be bound", null);
        }
        return link;
    }

    /** Closes a connection whose session never got bound; otherwise Openfire keeps it as pre-authenticated. */
    private static LinkException unbound(WebmailConnection connection, LinkException.Kind kind, String why,
                                         Throwable cause) {
        connection.silence();
        try {
            connection.close();
        } catch (RuntimeException e) {
            LOG.warn("domainchat webmail {}: the unbound connection could not be closed", connection.id(), e);
        }
        return new LinkException(kind, why, cause);
    }

    private static LinkException abandon(OpenfireXmppLink link, String why, Throwable cause) {
        link.connection().silence();
        link.close("error");
        return new LinkException(LinkException.Kind.UNAVAILABLE, why, cause);
    }

    /** Drops the registry entry of {@code connection}, unless a newer link with the same id has taken its place. */
    private void forget(WebmailConnection connection) {
        links.computeIfPresent(connection.id(), (id, link) -> link.connection() == connection ? null : link);
    }

    /** How many links are open right now. */
    public int openLinks() {
        return (int) links.values().stream().filter(OpenfireXmppLink::isOpen).count();
    }

    /**
     * For plugin unload: refuses new links, closes every open one (unavailable presence, then the session) and
     * waits for Openfire to finish, then stops the answering threads; all within {@code bound} in total.
     *
     * @return true if everything finished in time
     */
    public boolean closeAll(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        stopped.set(true);
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (OpenfireXmppLink link : links.values()) {
            closing.add(link.startClose(SHUTDOWN));
        }
        boolean done = true;
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            done = false;
            LOG.warn("domainchat webmail: not every resource closed within {}", bound);
        } catch (ExecutionException e) {
            LOG.warn("domainchat webmail: closing a resource failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        answering.shutdown();
        try {
            if (!answering.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                answering.shutdownNow();
                done = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answering.shutdownNow();
            done = false;
        }
        return done;
    }
}
