// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire;

public class XMPPServer {
    public static XMPPServer getInstance() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public XMPPServerInfo getServerInfo() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public org.jivesoftware.openfire.container.PluginManager getPluginManager() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public org.jivesoftware.openfire.user.UserManager getUserManager() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public RoutingTable getRoutingTable() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public org.jivesoftware.openfire.roster.RosterManager getRosterManager() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public java.util.List<org.jivesoftware.openfire.handler.IQHandler> getIQHandlers() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public MessageRouter getMessageRouter() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public org.jivesoftware.openfire.disco.IQDiscoInfoHandler getIQDiscoInfoHandler() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public IQRouter getIQRouter() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public ConnectionManager getConnectionManager() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public boolean isShuttingDown() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public SessionManager getSessionManager() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public org.jivesoftware.openfire.lockout.LockOutManager getLockOutManager() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public PresenceManager getPresenceManager() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public org.jivesoftware.openfire.pep.IQPEPHandler getIQPEPHandler() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public org.jivesoftware.openfire.entitycaps.EntityCapabilitiesManager getEntityCapabilitiesManager() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
