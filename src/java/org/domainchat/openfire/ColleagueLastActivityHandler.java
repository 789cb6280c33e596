package org.domainchat.openfire;

import java.util.Optional;
import java.util.concurrent.Executor;

import org.domainchat.colleagues.LastActivity;
import org.domainchat.presence.StanzaRouter;
import org.jivesoftware.openfire.IQHandlerInfo;
import org.jivesoftware.openfire.handler.IQHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * Takes over {@code jabber:iq:last} in front of Openfire's handler, which answers a query about a user only to
 * someone subscribed to their presence: a colleague's query (or one to an alias the asker sees) is answered by
 * {@link LastActivity} on domain chat's own thread (the last activity may be read from the database). Everything
 * else goes to Openfire's handler as it would have, including its check that the addressee exists; the alias is
 * the one addressee that is not an account, so this handler does that check itself.
 */
final class ColleagueLastActivityHandler extends IQHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ColleagueLastActivityHandler.class);

    private final IQHandler openfire;
    private final LastActivity lastActivity;
    private final StanzaRouter router;
    private final Executor work;

    ColleagueLastActivityHandler(IQHandler openfire, LastActivity lastActivity, StanzaRouter router, Executor work) {
        super("domainchat colleagues' last activity");
        this.openfire = openfire;
        this.lastActivity = lastActivity;
        this.router = router;
        this.work = work;
    }

    @Override
    public IQHandlerInfo getInfo() {
        return new IQHandlerInfo("query", LastActivity.NAMESPACE);
    }

    /** Openfire's "no such user" answer would refuse aliases before {@link #handleIQ}; Openfire's own process does it. */
    @Override
    public boolean performNoSuchUserCheck() {
        return false;
    }

    @Override
    public IQ handleIQ(IQ iq) {
        if (lastActivity.concerns(iq)) {
            work.execute(() -> answer(iq));
        } else {
            openfire.process(iq); // with its "no such user" check, and it delivers its answer itself
        }
        return null;
    }

    private void answer(IQ iq) {
        try {
            Optional<IQ> answer = lastActivity.answer(iq);
            if (answer.isPresent()) {
                router.route(iq.getFrom(), answer.get());
            } else {
                openfire.process(iq); // no longer a colleague (hidden, or domain chat switched off since)
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not answer {}'s last activity query to {}", iq.getFrom(), iq.getTo(), e);
            IQ error = IQ.createResultIQ(iq);
            error.setChildElement(iq.getChildElement().createCopy());
            error.setError(PacketError.Condition.internal_server_error);
            router.route(iq.getFrom(), error);
        }
    }
}
