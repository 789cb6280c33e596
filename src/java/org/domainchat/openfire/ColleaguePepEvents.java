package org.domainchat.openfire;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.domainchat.colleagues.Colleagues;
import org.domainchat.pep.PepEvent;
import org.domainchat.pep.PepNotifications;
import org.domainchat.pep.PepOwners;
import org.jivesoftware.openfire.entitycaps.EntityCapabilities;
import org.jivesoftware.openfire.entitycaps.EntityCapabilitiesListener;
import org.jivesoftware.openfire.pubsub.LeafNode;
import org.jivesoftware.openfire.pubsub.Node;
import org.jivesoftware.openfire.pubsub.PubSubListener;
import org.jivesoftware.openfire.pubsub.PublishedItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

/**
 * Personal eventing notifications to colleagues, who hold no subscription Openfire would notify:
 *
 * <ul>
 *   <li>Openfire tells its pubsub listeners of every publish and retraction after it has notified its own
 *       subscribers; the owner's online colleagues whose capabilities ask for the node get it too
 *       ({@link PepNotifications}).</li>
 *   <li>when a colleague's client announces interest in nodes ({@code +notify} features appear in its entity
 *       capabilities, at login or later), it gets the last item of each colleague's node of that id, as Openfire
 *       sends one to a subscriber.</li>
 * </ul>
 *
 * Both arrive on Openfire's threads (a task thread, or the handler thread that read the presence) and are carried
 * out on domain chat's own.
 */
final class ColleaguePepEvents implements PubSubListener, EntityCapabilitiesListener {

    private static final Logger LOG = LoggerFactory.getLogger(ColleaguePepEvents.class);
    private static final String NOTIFY = "+notify";

    private final Colleagues colleagues;
    private final OpenfirePep pep;
    private final PepNotifications notifications;
    private final PepOwners owners;
    private final Executor work;
    private final BooleanSupplier pepEnabled;
    private final BooleanSupplier lastItemsOnLogin;

    /**
     * @param pepEnabled       Openfire's {@code xmpp.pep.enabled}
     * @param lastItemsOnLogin {@code domainchat.pep.lastItemsOnLogin}: whether a client announcing interest gets
     *                         the last items
     */
    ColleaguePepEvents(Colleagues colleagues, OpenfirePep pep, PepNotifications notifications, PepOwners owners,
                       Executor work, BooleanSupplier pepEnabled, BooleanSupplier lastItemsOnLogin) {
        this.colleagues = colleagues;
        this.pep = pep;
        this.notifications = notifications;
        this.owners = owners;
        this.work = work;
        this.pepEnabled = pepEnabled;
        this.lastItemsOnLogin = lastItemsOnLogin;
    }

    @Override
    public void itemsPublished(Node.UniqueIdentifier nodeId, Collection<PublishedItem> items) {
        changed(nodeId, items, false);
    }

    @Override
    public void itemsDeleted(Node.UniqueIdentifier nodeId, Collection<PublishedItem> items) {
        changed(nodeId, items, true);
    }

    private void changed(Node.UniqueIdentifier nodeId, Collection<PublishedItem> items, boolean retract) {
        Optional<JID> owner = owner(nodeId);
        if (owner.isEmpty() || items.isEmpty() || !colleagues.hasColleagues(owner.get().getNode())) {
            return; // a service that is no user's, or a user without colleagues; a publish without items tells nothing
        }
        LeafNode leaf = items.iterator().next().getNode();
        if (leaf == null || retract && !leaf.isNotifiedOfRetract()) {
            return;
        }
        PepEvent event = OpenfirePep.event(leaf, owner.get(), items, retract, false);
        if (!retract) {
            owners.add(owner.get().getNode(), event.node());
        }
        work.execute(() -> {
            try {
                Set<String> notified = pep.notifiedByOpenfire(leaf);
                notifications.publish(event, notified::contains, colleague -> pep.colleagueMayRead(leaf, colleague));
            } catch (RuntimeException e) {
                LOG.warn("Could not notify the colleagues of {} of node {}", owner.get(), event.node(), e);
            }
        });
    }

    @Override
    public void entityCapabilitiesChanged(JID entity, EntityCapabilities updated, Set<String> featuresAdded,
                                          Set<String> featuresRemoved, Set<String> identitiesAdded,
                                          Set<String> identitiesRemoved) {
        if (entity == null || entity.getResource() == null || !colleagues.domain().equals(entity.getDomain())
                || !colleagues.hasColleagues(entity.getNode()) || !pepEnabled.getAsBoolean()
                || !lastItemsOnLogin.getAsBoolean()) {
            return;
        }
        Set<String> nodes = featuresAdded.stream().filter(f -> f.endsWith(NOTIFY) && f.length() > NOTIFY.length())
                .map(f -> f.substring(0, f.length() - NOTIFY.length())).collect(Collectors.toSet());
        if (nodes.isEmpty()) {
            return;
        }
        work.execute(() -> lastItems(entity, nodes));
    }

    /** Each colleague's last item of each node {@code resource} just asked for, unless Openfire sends it itself. */
    private void lastItems(JID resource, Set<String> nodes) {
        String viewer = resource.getNode();
        for (String node : nodes) {
            for (String owner : owners.ownersOf(node)) {
                if (!colleagues.areColleagues(owner, viewer)) {
                    continue;
                }
                try {
                    JID ownerJid = new JID(owner, colleagues.domain(), null, true);
                    Optional<LeafNode> leaf = pep.leaf(ownerJid, node);
                    if (leaf.isEmpty()) {
                        owners.remove(owner, node); // the node was deleted
                        continue;
                    }
                    if (pep.notifiedByOpenfire(leaf.get()).contains(viewer)
                            || !pep.colleagueMayRead(leaf.get(), viewer)) {
                        continue;
                    }
                    PublishedItem last = leaf.get().getLastPublishedItem();
                    if (last != null) {
                        notifications.deliver(OpenfirePep.event(leaf.get(), ownerJid, List.of(last), false, true),
                                resource);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Could not send {} the last item of {}'s node {}", resource, owner, node, e);
                }
            }
        }
    }

    /** The owner of a personal eventing service of this domain (its id is the user's bare JID). */
    private Optional<JID> owner(Node.UniqueIdentifier nodeId) {
        try {
            String service = nodeId.getServiceIdentifier().getServiceId();
            if (service == null || service.indexOf('@') <= 0) {
                return Optional.empty(); // the pubsub component, not a user's service
            }
            JID jid = new JID(service);
            return jid.getNode() != null && jid.getResource() == null && colleagues.domain().equals(jid.getDomain())
                    ? Optional.of(jid) : Optional.empty();
        } catch (IllegalArgumentException notAJid) {
            return Optional.empty();
        }
    }
}
