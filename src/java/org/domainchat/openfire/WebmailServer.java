package org.domainchat.openfire;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jivesoftware.openfire.Connection;
import org.jivesoftware.openfire.PacketDeliverer;
import org.jivesoftware.openfire.SessionManager;
import org.jivesoftware.openfire.SessionPacketRouter;
import org.jivesoftware.openfire.session.LocalClientSession;
import org.jivesoftware.openfire.spi.ConnectionConfiguration;

/**
 * What opening a webmail resource needs from Openfire, in one seam: {@link OpenfireWebmailServer} calls Openfire's
 * singletons, tests answer with Openfire objects of their own. Each method is one step of the recipe in
 * {@code docs/design/webmail-sessions.md} §9.
 */
interface WebmailServer {

    /** True while the server is stopping: no new session then. */
    boolean isShuttingDown();

    /** The account's exact Openfire username (the JID node), empty when there is no such account. */
    Optional<String> account(String username);

    /** True if the account is locked out (asserted users bypass the password check that would refuse them). */
    boolean isLockedOut(String username);

    /**
     * A new, not yet authenticated client session over {@code connection}.
     *
     * @throws IllegalStateException while the server is not initialised
     */
    LocalClientSession createClientSession(Connection connection, Locale locale);

    /** The router that sends stanzas as {@code session}, exactly as a client's. */
    SessionPacketRouter router(LocalClientSession session);

    /** Authenticates {@code session} as {@code username} and binds {@code resource}, resolving conflicts. */
    CompletableFuture<SessionManager.BindResult> bind(LocalClientSession session, String username, String resource);

    /** Tells Openfire's listeners that a resource was bound, as its own bind handler does. */
    void resourceBound(LocalClientSession session);

    /** The c2s listener's configuration, which Openfire asks every client connection for. */
    ConnectionConfiguration clientConfiguration();

    /** Where messages for a resource that has just closed go; null to drop them. */
    PacketDeliverer backupDeliverer();
}
