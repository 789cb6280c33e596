package org.domainchat.pep;

/**
 * The pubsub access models (XEP-0060 §4.5) and what they mean for a colleague, who counts as subscribed to the
 * owner's presence: "presence" lets colleagues in; "open" lets everyone in; "roster", "whitelist" and "authorize"
 * do not ask about presence subscriptions, so Openfire's own check decides them.
 */
public final class PepAccess {

    public static final String PRESENCE = "presence";
    public static final String OPEN = "open";

    private PepAccess() {
    }

    /** True when a colleague's request for items must be answered by domain chat (Openfire would refuse it). */
    public static boolean answeredForColleagues(String accessModel) {
        return PRESENCE.equals(accessModel);
    }

    /**
     * True when a colleague may read a node with this access model without asking Openfire: then domain chat sends
     * the node's notifications to colleagues who asked for them.
     */
    public static boolean colleaguesMayRead(String accessModel) {
        return PRESENCE.equals(accessModel) || OPEN.equals(accessModel);
    }
}
