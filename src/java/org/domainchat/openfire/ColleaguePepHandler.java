package org.domainchat.openfire;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

import org.domainchat.colleagues.Colleagues;
import org.domainchat.pep.PepAccess;
import org.domainchat.pep.PepItem;
import org.domainchat.pep.PepItems;
import org.domainchat.presence.StanzaRouter;
import org.jivesoftware.openfire.IQHandlerInfo;
import org.jivesoftware.openfire.handler.IQHandler;
import org.jivesoftware.openfire.pubsub.LeafNode;
import org.jivesoftware.openfire.pubsub.NodeAffiliate;
import org.jivesoftware.openfire.pubsub.PublishedItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * Takes over {@code http://jabber.org/protocol/pubsub} in front of Openfire's PEP handler, for one case only: a
 * colleague asks for the items of a user's node whose access model is "presence" (XEP-0163's default), which Openfire
 * refuses with {@code not-authorized} to anyone without a stored subscription. Those requests are answered as
 * Openfire answers a subscriber, on domain chat's own thread (reading items may touch the database). Everything else
 * (publishing, subscribing, configuration, other access models, subscribers, strangers, other domains, hidden
 * accounts, and everything while domain chat is off) goes to Openfire's handler unchanged.
 */
final class ColleaguePepHandler extends IQHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ColleaguePepHandler.class);

    private final IQHandler openfire;
    private final Colleagues colleagues;
    private final OpenfirePep pep;
    private final StanzaRouter router;
    private final Executor work;
    private final BooleanSupplier pepEnabled;

    /** @param pepEnabled Openfire's {@code xmpp.pep.enabled}: while PEP is off, Openfire answers everything */
    ColleaguePepHandler(IQHandler openfire, Colleagues colleagues, OpenfirePep pep, StanzaRouter router,
                        Executor work, BooleanSupplier pepEnabled) {
        super("domainchat colleagues' PEP");
        this.openfire = openfire;
        this.colleagues = colleagues;
        this.pep = pep;
        this.router = router;
        this.work = work;
        this.pepEnabled = pepEnabled;
    }

    @Override
    public IQHandlerInfo getInfo() {
        return new IQHandlerInfo("pubsub", PepItems.PUBSUB);
    }

    @Override
    public IQ handleIQ(IQ iq) {
        JID from = iq.getFrom();
        JID to = iq.getTo();
        if (from != null && to != null && to.getResource() == null
                && colleagues.areColleagues(localNode(from), localNode(to)) && pepEnabled.getAsBoolean()) {
            Optional<PepItems.Request> request = PepItems.Request.of(iq);
            if (request.isPresent()) {
                work.execute(() -> answer(iq, request.get()));
                return null; // answered from domain chat's thread
            }
        }
        return delegate(iq);
    }

    private void answer(IQ iq, PepItems.Request request) {
        try {
            JID owner = iq.getTo().asBareJID();
            JID asker = iq.getFrom();
            Optional<LeafNode> found = pep.leaf(owner, request.node());
            if (found.isEmpty() || !PepAccess.answeredForColleagues(found.get().getAccessModel().getName())
                    || found.get().getAccessModel().canAccessItems(found.get(), asker.asBareJID(), asker)) {
                IQ reply = delegate(iq); // Openfire says the same to a colleague as to anyone here
                if (reply != null) {
                    router.route(asker, reply);
                }
                return;
            }
            LeafNode leaf = found.get();
            NodeAffiliate affiliate = leaf.getAffiliate(asker.asBareJID());
            if (affiliate != null && affiliate.getAffiliation() == NodeAffiliate.Affiliation.outcast) {
                router.route(asker, PepItems.forbidden(iq));
                return;
            }
            router.route(asker, PepItems.result(iq, request.node(), items(leaf, request), leaf.isItemRequired()));
        } catch (RuntimeException e) {
            LOG.warn("Could not answer {}'s request for the items of {}", iq.getFrom(), iq.getTo(), e);
            IQ error = IQ.createResultIQ(iq);
            error.setChildElement(iq.getChildElement().createCopy());
            error.setError(PacketError.Condition.internal_server_error);
            router.route(iq.getFrom(), error);
        }
    }

    /** What Openfire's PubSubEngine.getPublishedItems picks: the newest n, the ids asked for, or all it keeps. */
    private static List<PepItem> items(LeafNode leaf, PepItems.Request request) {
        List<PublishedItem> picked = new ArrayList<>();
        if (request.maxItems() != null) {
            picked.addAll(leaf.getPublishedItems(request.maxItems()));
        } else if (!request.itemIds().isEmpty()) {
            for (String id : request.itemIds()) {
                PublishedItem item = leaf.getPublishedItem(id);
                if (item != null) {
                    picked.add(item);
                }
            }
        } else {
            picked.addAll(leaf.getPublishedItems());
        }
        List<PepItem> out = new ArrayList<>(picked.size());
        for (PublishedItem item : picked) {
            out.add(new PepItem(item.getID(), item.getPayload()));
        }
        return out;
    }

    private IQ delegate(IQ iq) {
        try {
            return openfire.handleIQ(iq);
        } catch (org.jivesoftware.openfire.auth.UnauthorizedException e) {
            IQ error = IQ.createResultIQ(iq);
            if (iq.getChildElement() != null) {
                error.setChildElement(iq.getChildElement().createCopy());
            }
            error.setError(PacketError.Condition.not_authorized);
            return error;
        }
    }

    private String localNode(JID jid) {
        return colleagues.domain().equals(jid.getDomain()) ? jid.getNode() : null;
    }
}
