package org.domainchat.openfire;

import org.domainchat.pep.Interest;
import org.jivesoftware.openfire.entitycaps.EntityCapabilities;
import org.jivesoftware.openfire.entitycaps.EntityCapabilitiesManager;
import org.xmpp.packet.JID;

/** {@link Interest} from Openfire's entity capabilities cache (filled from the {@code <c/>} in clients' presence). */
final class OpenfireInterest implements Interest {

    private final EntityCapabilitiesManager capabilities;

    OpenfireInterest(EntityCapabilitiesManager capabilities) {
        this.capabilities = capabilities;
    }

    @Override
    public boolean notifies(JID resource, String node) {
        EntityCapabilities caps = capabilities.getEntityCapabilities(resource);
        return caps != null && caps.containsFeature(node + "+notify");
    }
}
