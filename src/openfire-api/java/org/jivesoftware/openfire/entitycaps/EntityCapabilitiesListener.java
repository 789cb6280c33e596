// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.entitycaps;

public interface EntityCapabilitiesListener {
    void entityCapabilitiesChanged(org.xmpp.packet.JID entity, EntityCapabilities updatedEntityCapabilities,
                                   java.util.Set<String> featuresAdded, java.util.Set<String> featuresRemoved,
                                   java.util.Set<String> identitiesAdded, java.util.Set<String> identitiesRemoved);
}
