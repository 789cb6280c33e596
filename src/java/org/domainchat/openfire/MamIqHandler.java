package org.domainchat.openfire;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.domainchat.mam.MamService;
import org.domainchat.presence.StanzaRouter;
import org.jivesoftware.openfire.IQHandlerInfo;
import org.jivesoftware.openfire.handler.IQHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * Openfire's handler for {@code urn:xmpp:mam:2} (queries, the form, metadata, preferences). The answer is worked out
 * on domain chat's own threads (it reads the database; Openfire's handler threads must never wait for it), and its
 * stanzas are routed to the requesting resource in order: the results first, the IQ result last.
 */
final class MamIqHandler extends IQHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MamIqHandler.class);

    private final MamService service;
    private final StanzaRouter router;
    private final Executor work;

    MamIqHandler(MamService service, StanzaRouter router, Executor work) {
        super("domainchat message archive management");
        this.service = service;
        this.router = router;
        this.work = work;
    }

    @Override
    public IQHandlerInfo getInfo() {
        return new IQHandlerInfo("query", MamService.NAMESPACE);
    }

    /**
     * Openfire's check would refuse a query addressed to an alias (not an account) before {@link #handleIQ}; the
     * service decides itself which archive the requester may read.
     */
    @Override
    public boolean performNoSuchUserCheck() {
        return false;
    }

    @Override
    public IQ handleIQ(IQ iq) {
        if (iq.getType() != IQ.Type.get && iq.getType() != IQ.Type.set) {
            return null;
        }
        try {
            work.execute(() -> answer(iq));
            return null;
        } catch (RejectedExecutionException e) {
            IQ busy = IQ.createResultIQ(iq);
            busy.setChildElement(iq.getChildElement().createCopy());
            busy.setError(new PacketError(PacketError.Condition.resource_constraint,
                    PacketError.Condition.resource_constraint.getDefaultType(),
                    "The archive is busy. Please try again in a moment."));
            return busy;
        }
    }

    private void answer(IQ iq) {
        try {
            for (Packet p : service.answer(iq)) {
                router.route(p.getTo(), p);
            }
        } catch (RuntimeException e) {
            LOG.error("Could not answer {}'s archive request {}", iq.getFrom(), iq.getID(), e);
            IQ error = IQ.createResultIQ(iq);
            error.setChildElement(iq.getChildElement().createCopy());
            error.setError(PacketError.Condition.internal_server_error);
            router.route(iq.getFrom(), error);
        }
    }
}
