// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.container;

public class PluginManager {
    public synchronized String getCanonicalName(Plugin plugin) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public java.util.Collection<Plugin> getPlugins() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public synchronized java.util.Optional<Plugin> getPluginByCanonicalName(String canonicalName) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
