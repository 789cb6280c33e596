package org.domainchat.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jivesoftware.openfire.ConnectionManager;
import org.jivesoftware.openfire.SessionManager;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.auth.AuthToken;
import org.jivesoftware.openfire.event.SessionEventDispatcher;
import org.jivesoftware.openfire.lockout.LockOutManager;
import org.jivesoftware.openfire.session.LocalClientSession;
import org.jivesoftware.openfire.spi.ConnectionConfiguration;
import org.jivesoftware.openfire.spi.ConnectionListener;
import org.jivesoftware.openfire.spi.ConnectionType;
import org.jivesoftware.openfire.user.User;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.openfire.user.UserNotFoundException;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

/** The production seam calls Openfire's singletons as BOSH and WebSocket do; Openfire itself is mocked. */
class OpenfireWebmailServerTest {

    private final XMPPServer xmpp = mock(XMPPServer.class);
    private final SessionManager sessions = mock(SessionManager.class);
    private final OpenfireWebmailServer server = new OpenfireWebmailServer(xmpp);

    OpenfireWebmailServerTest() {
        when(xmpp.getSessionManager()).thenReturn(sessions);
    }

    @Test
    void accountsAreOpenfiresExactUsernames() throws Exception {
        UserManager users = mock(UserManager.class);
        User alice = mock(User.class);
        when(alice.getUsername()).thenReturn("alice");
        when(users.getUser("Alice")).thenReturn(alice);
        when(users.getUser("nobody")).thenThrow(new UserNotFoundException("nobody"));
        when(xmpp.getUserManager()).thenReturn(users);
        assertEquals(Optional.of("alice"), server.account("Alice"));
        assertEquals(Optional.empty(), server.account("nobody"));

        LockOutManager lockouts = mock(LockOutManager.class);
        when(lockouts.isAccountDisabled("alice")).thenReturn(true);
        when(xmpp.getLockOutManager()).thenReturn(lockouts);
        assertTrue(server.isLockedOut("alice"));
        assertFalse(server.isLockedOut("bob"));

        when(xmpp.isShuttingDown()).thenReturn(true);
        assertTrue(server.isShuttingDown());
    }

    @Test
    void sessionsAreCreatedBoundAndAnnouncedThroughOpenfire() {
        WebmailConnection connection = new WebmailConnection("abc", null, new RecordingInbound(), null,
                server::clientConfiguration, new IqAnswers("1"), c -> { });
        LocalClientSession session = mock(LocalClientSession.class);
        when(sessions.createClientSession(connection, Locale.GERMAN)).thenReturn(session);
        assertSame(session, server.createClientSession(connection, Locale.GERMAN));

        AuthToken token = mock(AuthToken.class);
        CompletableFuture<SessionManager.BindResult> bound =
                CompletableFuture.completedFuture(SessionManager.BindResult.BOUND);
        try (MockedStatic<AuthToken> tokens = mockStatic(AuthToken.class);
             MockedStatic<SessionEventDispatcher> events = mockStatic(SessionEventDispatcher.class)) {
            tokens.when(() -> AuthToken.generateUserToken("alice")).thenReturn(token);
            when(sessions.bindResource(eq(session), eq(token), eq("webmail-abc"))).thenReturn(bound);
            assertSame(bound, server.bind(session, "alice", "webmail-abc"));

            server.resourceBound(session);
            events.verify(() -> SessionEventDispatcher.dispatchEvent(session,
                    SessionEventDispatcher.EventType.resource_bound));
        }
    }

    @Test
    void theConfigurationIsTheClientListeners() {
        ConnectionManager connections = mock(ConnectionManager.class);
        ConnectionListener listener = mock(ConnectionListener.class);
        ConnectionConfiguration configuration = mock(ConnectionConfiguration.class);
        when(xmpp.getConnectionManager()).thenReturn(connections);
        when(connections.getListener(ConnectionType.SOCKET_C2S, true)).thenReturn(listener);
        when(listener.generateConnectionConfiguration()).thenReturn(configuration);
        assertSame(configuration, server.clientConfiguration());
    }
}
