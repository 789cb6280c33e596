package org.domainchat.openfire;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.jivesoftware.openfire.pep.PEPService;
import org.jivesoftware.openfire.pep.PEPServiceManager;
import org.jivesoftware.openfire.pubsub.CollectionNode;
import org.jivesoftware.openfire.pubsub.LeafNode;
import org.jivesoftware.openfire.pubsub.Node;
import org.jivesoftware.openfire.pubsub.NodeAffiliate;
import org.jivesoftware.openfire.pubsub.NodeSubscription;
import org.jivesoftware.openfire.pubsub.PubSubService;
import org.jivesoftware.openfire.pubsub.PublishedItem;
import org.jivesoftware.openfire.pubsub.models.AccessModel;
import org.xmpp.packet.JID;

/**
 * Openfire's PEP services at the edge: per owner a service with leaf nodes under a root collection, each with its
 * access model (whose own check lets in only the owner and the JIDs named as stored subscribers, like Openfire's
 * presence model over stored rosters), its items (newest first), outcasts and stored subscriptions.
 */
final class FakePepServices {

    static final String MOOD = "http://jabber.org/protocol/mood";

    final PEPServiceManager manager = mock(PEPServiceManager.class);
    private final Map<String, PEPService> services = new HashMap<>();
    private final Map<String, Map<String, LeafNode>> nodes = new HashMap<>();
    private final Map<String, CollectionNode> roots = new HashMap<>();

    FakePepServices() {
        when(manager.getPEPService(any(JID.class), anyBoolean())).thenAnswer(inv ->
                services.get(((JID) inv.getArgument(0)).toBareJID()));
    }

    static Element payload(String xml) {
        try {
            return DocumentHelper.parseText(xml).getRootElement();
        } catch (Exception e) {
            throw new IllegalArgumentException(xml, e);
        }
    }

    static Element mood(String value) {
        return payload("<mood xmlns='" + MOOD + "'><" + value + "/></mood>");
    }

    /**
     * A leaf node of {@code owner} (a bare JID).
     *
     * @param access      the access model's name
     * @param subscribers bare JIDs with a stored, active subscription to the service's root (Openfire notifies
     *                    them, and its access check lets them in)
     * @param items       id and payload, newest first
     */
    LeafNode leaf(String owner, String node, String access, Set<String> subscribers, Set<String> outcasts,
                  List<Item> items) {
        PEPService service = services.computeIfAbsent(owner, o -> {
            PEPService s = mock(PEPService.class);
            when(s.getAddress()).thenReturn(new JID(o));
            when(s.getNode(anyString())).thenAnswer(inv -> nodes.getOrDefault(o, Map.of()).get(
                    (String) inv.getArgument(0)));
            return s;
        });
        CollectionNode root = roots.computeIfAbsent(owner, o -> mock(CollectionNode.class));
        when(service.getRootCollectionNode()).thenReturn(root);
        List<NodeSubscription> subscriptions = new ArrayList<>();
        for (String subscriber : subscribers) {
            NodeSubscription sub = mock(NodeSubscription.class);
            when(sub.getOwner()).thenReturn(new JID(subscriber));
            when(sub.getJID()).thenReturn(new JID(subscriber));
            when(sub.isActive()).thenReturn(true);
            subscriptions.add(sub);
        }
        when(root.getAllSubscriptions()).thenReturn(subscriptions);

        LeafNode leaf = mock(LeafNode.class);
        AccessModel model = mock(AccessModel.class);
        when(model.getName()).thenReturn(access);
        when(model.canAccessItems(any(), any(), any())).thenAnswer(inv -> {
            String asker = ((JID) inv.getArgument(1)).toBareJID();
            return access.equals("open") || asker.equals(owner) || subscribers.contains(asker);
        });
        when(leaf.getAccessModel()).thenReturn(model);
        Node.UniqueIdentifier id = nodeId(owner, node);
        when(leaf.getUniqueIdentifier()).thenReturn(id);
        when(leaf.getNodeID()).thenReturn(node);
        when(leaf.getParents()).thenReturn(List.of(root));
        when(leaf.getAllSubscriptions()).thenReturn(List.of());
        when(leaf.isItemRequired()).thenReturn(true);
        when(leaf.isPayloadDelivered()).thenReturn(true);
        when(leaf.isNotifiedOfRetract()).thenReturn(true);
        when(leaf.getAffiliate(any())).thenAnswer(inv -> {
            if (!outcasts.contains(((JID) inv.getArgument(0)).toBareJID())) {
                return null;
            }
            NodeAffiliate a = mock(NodeAffiliate.class);
            when(a.getAffiliation()).thenReturn(NodeAffiliate.Affiliation.outcast);
            return a;
        });
        List<PublishedItem> published = new ArrayList<>();
        long time = 1_767_225_600_000L;
        for (Item item : items) {
            PublishedItem p = mock(PublishedItem.class);
            when(p.getID()).thenReturn(item.id());
            when(p.getPayload()).thenReturn(item.payload());
            when(p.getNode()).thenReturn(leaf);
            when(p.getNodeID()).thenReturn(node);
            when(p.getPublisher()).thenReturn(new JID(owner + "/desk"));
            when(p.getCreationDate()).thenReturn(new Date(time));
            time -= 60_000;
            published.add(p);
        }
        when(leaf.getPublishedItems()).thenReturn(published);
        when(leaf.getPublishedItems(anyInt())).thenAnswer(inv ->
                published.subList(0, Math.min(published.size(), (int) inv.getArgument(0))));
        when(leaf.getPublishedItem(anyString())).thenAnswer(inv -> published.stream()
                .filter(p -> p.getID().equals(inv.getArgument(0))).findFirst().orElse(null));
        when(leaf.getLastPublishedItem()).thenReturn(published.isEmpty() ? null : published.get(0));
        nodes.computeIfAbsent(owner, o -> new HashMap<>()).put(node, leaf);
        return leaf;
    }

    /** The node as Openfire would look it up, or null. */
    LeafNode find(String owner, String node) {
        return nodes.getOrDefault(owner, Map.of()).get(node);
    }

    /** Openfire's identifier of a node: the service's id (for PEP, the owner's bare JID) and the node's. */
    static Node.UniqueIdentifier nodeId(String service, String node) {
        PubSubService.UniqueIdentifier serviceId = mock(PubSubService.UniqueIdentifier.class);
        when(serviceId.getServiceId()).thenReturn(service);
        Node.UniqueIdentifier id = mock(Node.UniqueIdentifier.class);
        when(id.getServiceIdentifier()).thenReturn(serviceId);
        when(id.getNodeId()).thenReturn(node);
        return id;
    }

    record Item(String id, Element payload) {
    }

    static Item item(String id, Element payload) {
        return new Item(id, payload);
    }
}
