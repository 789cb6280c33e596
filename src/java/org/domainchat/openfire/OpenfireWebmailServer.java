package org.domainchat.openfire;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jivesoftware.openfire.Connection;
import org.jivesoftware.openfire.PacketDeliverer;
import org.jivesoftware.openfire.SessionManager;
import org.jivesoftware.openfire.SessionPacketRouter;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.auth.AuthToken;
import org.jivesoftware.openfire.event.SessionEventDispatcher;
import org.jivesoftware.openfire.nio.OfflinePacketDeliverer;
import org.jivesoftware.openfire.session.LocalClientSession;
import org.jivesoftware.openfire.spi.ConnectionConfiguration;
import org.jivesoftware.openfire.spi.ConnectionType;
import org.jivesoftware.openfire.user.UserNotFoundException;

/** {@link WebmailServer} on the running Openfire: what BOSH and WebSocket do for a client, minus the socket. */
final class OpenfireWebmailServer implements WebmailServer {

    private final XMPPServer server;

    OpenfireWebmailServer(XMPPServer server) {
        this.server = server;
    }

    @Override
    public boolean isShuttingDown() {
        return server.isShuttingDown();
    }

    @Override
    public Optional<String> account(String username) {
        try {
            return Optional.of(server.getUserManager().getUser(username).getUsername());
        } catch (UserNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean isLockedOut(String username) {
        return server.getLockOutManager().isAccountDisabled(username);
    }

    @Override
    public LocalClientSession createClientSession(Connection connection, Locale locale) {
        return server.getSessionManager().createClientSession(connection, locale);
    }

    @Override
    public SessionPacketRouter router(LocalClientSession session) {
        return new SessionPacketRouter(session);
    }

    /** A user token as SASL makes one; the password or API key was checked by the webmail API already. */
    @Override
    public CompletableFuture<SessionManager.BindResult> bind(LocalClientSession session, String username,
                                                            String resource) {
        return server.getSessionManager().bindResource(session, AuthToken.generateUserToken(username), resource);
    }

    @Override
    public void resourceBound(LocalClientSession session) {
        SessionEventDispatcher.dispatchEvent(session, SessionEventDispatcher.EventType.resource_bound);
    }

    @Override
    public ConnectionConfiguration clientConfiguration() {
        return server.getConnectionManager().getListener(ConnectionType.SOCKET_C2S, true)
                .generateConnectionConfiguration();
    }

    /** Openfire's offline store, as BOSH and WebSocket connections use it. */
    @Override
    public PacketDeliverer backupDeliverer() {
        return new OfflinePacketDeliverer();
    }
}
