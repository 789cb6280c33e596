package org.domainchat.openfire;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.domainchat.pep.PepAccess;
import org.domainchat.pep.PepEvent;
import org.domainchat.pep.PepItem;
import org.jivesoftware.openfire.pep.PEPService;
import org.jivesoftware.openfire.pep.PEPServiceManager;
import org.jivesoftware.openfire.pubsub.CollectionNode;
import org.jivesoftware.openfire.pubsub.LeafNode;
import org.jivesoftware.openfire.pubsub.Node;
import org.jivesoftware.openfire.pubsub.NodeSubscription;
import org.jivesoftware.openfire.pubsub.PublishedItem;
import org.jivesoftware.openfire.pubsub.models.AccessModel;
import org.xmpp.packet.JID;

/**
 * Reads users' personal eventing services through Openfire's PEP service manager: a node, whom Openfire notifies of
 * it itself, whether a colleague may read it, and its items as domain chat's {@link PepEvent}. Never creates a
 * service. Call it off Openfire's handler threads: a service or an item not in Openfire's caches is read from the
 * database.
 */
final class OpenfirePep {

    private final PEPServiceManager services;
    private final String domain;

    OpenfirePep(PEPServiceManager services, String domain) {
        this.services = services;
        this.domain = domain;
    }

    /** The leaf node {@code node} of {@code owner}'s service, if the service and the node exist. */
    Optional<LeafNode> leaf(JID owner, String node) {
        PEPService service = services.getPEPService(owner.asBareJID(), false);
        if (service == null) {
            return Optional.empty();
        }
        Node found = service.getNode(node);
        return found instanceof LeafNode leaf ? Optional.of(leaf) : Optional.empty();
    }

    /**
     * The local usernames Openfire sends the node's notifications to itself: those with an active subscription to
     * the node or to the service's root that the node's access model lets through (LeafNode.getAffiliatesToNotify).
     */
    Set<String> notifiedByOpenfire(LeafNode leaf) {
        Set<String> notified = new HashSet<>();
        List<NodeSubscription> subscriptions = new ArrayList<>(leaf.getAllSubscriptions());
        for (CollectionNode parent : parents(leaf)) {
            subscriptions.addAll(parent.getAllSubscriptions());
        }
        AccessModel access = leaf.getAccessModel();
        for (NodeSubscription subscription : subscriptions) {
            JID owner = subscription.getOwner();
            if (owner == null || owner.getNode() == null || !domain.equals(owner.getDomain())
                    || !subscription.isActive()) {
                continue;
            }
            if (access.canAccessItems(leaf, owner, subscription.getJID())) {
                notified.add(owner.getNode());
            }
        }
        return notified;
    }

    /** True when a colleague may read the node: its access model lets colleagues in, or Openfire lets them in. */
    boolean colleagueMayRead(LeafNode leaf, String colleague) {
        AccessModel access = leaf.getAccessModel();
        if (PepAccess.colleaguesMayRead(access.getName())) {
            return true;
        }
        JID jid = new JID(colleague, domain, null, true);
        return access.canAccessItems(leaf, jid, jid);
    }

    /** The node's items as a notification carries them. */
    static PepEvent event(LeafNode leaf, JID owner, Collection<PublishedItem> items, boolean retract,
                          boolean delayed) {
        List<PepItem> out = new ArrayList<>(items.size());
        JID publisher = null;
        java.util.Date published = null;
        for (PublishedItem item : items) {
            // a copy: the event is read on another thread while Openfire keeps the item
            out.add(new PepItem(item.getID(), item.getPayload() == null ? null : item.getPayload().createCopy()));
            publisher = item.getPublisher();
            published = item.getCreationDate();
        }
        return new PepEvent(owner, leaf.getUniqueIdentifier().getNodeId(), out, publisher, retract,
                leaf.isPayloadDelivered(), leaf.isItemRequired(), delayed ? published : null);
    }

    private static Collection<CollectionNode> parents(LeafNode leaf) {
        Collection<CollectionNode> parents = leaf.getParents();
        return parents == null ? List.of() : parents;
    }
}
