package org.domainchat.pep;

import org.xmpp.packet.JID;

/**
 * Whether a client resource asked for a node's notifications: its entity capabilities (XEP-0115) list the feature
 * {@code <node>+notify} (XEP-0163 filtered notifications). Openfire's capabilities cache in production.
 */
@FunctionalInterface
public interface Interest {

    /** False when the resource's capabilities are unknown: a colleague's data goes only where it was asked for. */
    boolean notifies(JID resource, String node);
}
