package org.domainchat.openfire;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

import org.jivesoftware.openfire.Connection;
import org.jivesoftware.openfire.PacketDeliverer;
import org.jivesoftware.openfire.SessionManager;
import org.jivesoftware.openfire.SessionPacketRouter;
import org.jivesoftware.openfire.session.LocalClientSession;
import org.jivesoftware.openfire.spi.ConnectionConfiguration;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * Openfire's side of the webmail resource, for tests: accounts, lockouts and binding are plain data; sessions and
 * routers are Mockito mocks of Openfire's classes that record what the resource routes, in order, and on which
 * thread. {@link #onRoute} plays the server's part during a routing call (e.g. a synchronous rejection).
 */
final class FakeWebmailServer implements WebmailServer {

    static final String DOMAIN = "example.com";

    /** One routing call of a webmail resource. */
    record Routed(WebmailConnection connection, Packet packet, String thread) {
    }

    /** What the server does during a routing call, on the routing thread. */
    interface OnRoute {
        void during(WebmailConnection connection, Packet packet) throws Exception;
    }

    final Set<String> accounts = new HashSet<>(Set.of("alice", "bob"));
    final Set<String> lockedOut = Collections.synchronizedSet(new HashSet<>());
    volatile boolean shuttingDown;
    volatile RuntimeException createFailure;
    volatile RuntimeException accountFailure;
    /** How binding ends; BOUND at once unless a test says otherwise. */
    volatile BiFunction<LocalClientSession, String, CompletableFuture<SessionManager.BindResult>> binding =
            (session, resource) -> CompletableFuture.completedFuture(SessionManager.BindResult.BOUND);
    volatile OnRoute onRoute = (connection, packet) -> { };
    final List<Routed> routed = Collections.synchronizedList(new ArrayList<>());
    final List<WebmailConnection> connections = Collections.synchronizedList(new ArrayList<>());
    final List<LocalClientSession> sessions = Collections.synchronizedList(new ArrayList<>());
    final List<Locale> locales = Collections.synchronizedList(new ArrayList<>());
    final List<String> boundResources = Collections.synchronizedList(new ArrayList<>());
    final List<String> boundUsers = Collections.synchronizedList(new ArrayList<>());
    final List<LocalClientSession> announcedBound = Collections.synchronizedList(new ArrayList<>());
    final List<Packet> backedUp = Collections.synchronizedList(new ArrayList<>());
    final ConnectionConfiguration configuration = mock(ConnectionConfiguration.class);

    @Override
    public boolean isShuttingDown() {
        return shuttingDown;
    }

    /** Openfire's usernames are lower case; the account is found whatever the case asked for. */
    @Override
    public Optional<String> account(String username) {
        if (accountFailure != null) {
            throw accountFailure;
        }
        String canonical = username.toLowerCase(Locale.ROOT);
        return accounts.contains(canonical) ? Optional.of(canonical) : Optional.empty();
    }

    @Override
    public boolean isLockedOut(String username) {
        return lockedOut.contains(username);
    }

    @Override
    public LocalClientSession createClientSession(Connection connection, Locale locale) {
        if (createFailure != null) {
            throw createFailure;
        }
        LocalClientSession session = mock(LocalClientSession.class);
        connections.add((WebmailConnection) connection);
        sessions.add(session);
        locales.add(locale);
        return session;
    }

    @Override
    public SessionPacketRouter router(LocalClientSession session) {
        WebmailConnection connection = connections.get(sessions.indexOf(session));
        SessionPacketRouter router = mock(SessionPacketRouter.class);
        org.mockito.stubbing.Answer<Void> record = inv -> {
            Packet packet = inv.getArgument(0);
            routed.add(new Routed(connection, packet, Thread.currentThread().getName()));
            onRoute.during(connection, packet);
            return null;
        };
        doAnswer(record).when(router).route(any(IQ.class));
        doAnswer(record).when(router).route(any(Message.class));
        doAnswer(record).when(router).route(any(Presence.class));
        return router;
    }

    /** Binding gives the session its full address, as {@code setAuthToken(token, resource)} does. */
    @Override
    public CompletableFuture<SessionManager.BindResult> bind(LocalClientSession session, String username,
                                                            String resource) {
        when(session.getAddress()).thenReturn(new JID(username, DOMAIN, resource));
        boundUsers.add(username);
        boundResources.add(resource);
        return binding.apply(session, resource);
    }

    @Override
    public void resourceBound(LocalClientSession session) {
        announcedBound.add(session);
    }

    @Override
    public ConnectionConfiguration clientConfiguration() {
        return configuration;
    }

    @Override
    public PacketDeliverer backupDeliverer() {
        return backedUp::add;
    }

    List<Packet> routedBy(WebmailConnection connection) {
        synchronized (routed) {
            return routed.stream().filter(r -> r.connection() == connection).map(Routed::packet).toList();
        }
    }

    WebmailConnection lastConnection() {
        return connections.get(connections.size() - 1);
    }

    LocalClientSession lastSession() {
        return sessions.get(sessions.size() - 1);
    }
}
