package org.domainchat.openfire;

import java.sql.SQLException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.domainchat.colleagues.Colleagues;
import org.domainchat.colleagues.LastActivity;
import org.domainchat.db.ConnectionSource;
import org.domainchat.pep.PepNotifications;
import org.domainchat.pep.PepOwners;
import org.jivesoftware.openfire.IQRouter;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.entitycaps.EntityCapabilitiesManager;
import org.jivesoftware.openfire.handler.IQHandler;
import org.jivesoftware.openfire.handler.IQLastActivityHandler;
import org.jivesoftware.openfire.pep.IQPEPHandler;
import org.jivesoftware.openfire.pubsub.PubSubEventDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Openfire decides by "is this one subscribed to that one's presence", answered for colleagues who are
 * subscribed by domain chat's rule and not in Openfire's stored rosters (docs/design/colleague-subscriptions.md):
 * personal eventing items and notifications (avatars, OMEMO device lists, mood, nickname …) and last activity. The
 * roster-side decisions (subscription handshakes, probes, presence) are {@link DomainContactsFeature}'s. One thread,
 * "domainchat-colleagues", does the work that may read the database, in the order it arrived.
 */
final class ColleagueSubscriptionsFeature implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ColleagueSubscriptionsFeature.class);
    /** Beyond this many waiting tasks, new ones are dropped with a warning rather than filling the memory. */
    static final int QUEUE_LIMIT = 100_000;

    private final IQRouter iqRouter;
    private final EntityCapabilitiesManager capabilities;
    private final ThreadPoolExecutor executor;
    private final ColleaguePepHandler pepHandler;
    private final ColleagueLastActivityHandler lastActivityHandler;
    private final ColleaguePepEvents pepEvents;

    private ColleagueSubscriptionsFeature(XMPPServer server, Colleagues colleagues, OpenfireOnline online,
                                          ConnectionSource database, BooleanSupplier pepEnabled,
                                          BooleanSupplier lastItemsOnLogin) {
        this.iqRouter = server.getIQRouter();
        this.capabilities = server.getEntityCapabilitiesManager();
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(QUEUE_LIMIT), r -> {
                    Thread t = new Thread(r, "domainchat-colleagues");
                    t.setDaemon(true);
                    return t;
                }, (task, pool) -> LOG.warn("domainchat-colleagues is {} tasks behind; a PEP notification or "
                        + "answer was dropped", QUEUE_LIMIT));
        Executor work = task -> executor.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("domainchat colleagues: a task failed", e);
            }
        });
        IQPEPHandler pepBuiltIn = server.getIQPEPHandler();
        OpenfirePep pep = new OpenfirePep(pepBuiltIn.getServiceManager(), colleagues.domain());
        PepOwners owners = new PepOwners();
        PepNotifications notifications = new PepNotifications(colleagues, online,
                new OpenfireInterest(capabilities), online);
        this.pepHandler = new ColleaguePepHandler(pepBuiltIn, colleagues, pep, online, work, pepEnabled);
        this.pepEvents = new ColleaguePepEvents(colleagues, pep, notifications, owners, work, pepEnabled,
                lastItemsOnLogin);
        this.lastActivityHandler = new ColleagueLastActivityHandler(builtIn(server, IQLastActivityHandler.class),
                new LastActivity(colleagues, new OpenfireActivity(server.getSessionManager(),
                        server.getPresenceManager(), server.getUserManager())), online, work);
        work.execute(() -> {
            try {
                owners.addAll(StoredPepNodes.read(database, colleagues.domain()));
            } catch (SQLException e) {
                LOG.warn("Could not read the stored PEP nodes; colleagues get the last items of those published "
                        + "from now on", e);
            }
        });
    }

    /** @param lastItemsOnLogin {@code domainchat.pep.lastItemsOnLogin} */
    static ColleagueSubscriptionsFeature start(XMPPServer server, Colleagues colleagues, OpenfireOnline online,
                                               ConnectionSource database, BooleanSupplier lastItemsOnLogin) {
        return start(server, colleagues, online, database, () -> IQPEPHandler.ENABLED.getValue(), lastItemsOnLogin);
    }

    static ColleagueSubscriptionsFeature start(XMPPServer server, Colleagues colleagues, OpenfireOnline online,
                                               ConnectionSource database, BooleanSupplier pepEnabled,
                                               BooleanSupplier lastItemsOnLogin) {
        ColleagueSubscriptionsFeature feature = new ColleagueSubscriptionsFeature(server, colleagues, online,
                database, pepEnabled, lastItemsOnLogin);
        feature.register();
        return feature;
    }

    private void register() {
        iqRouter.addHandler(pepHandler);
        iqRouter.addHandler(lastActivityHandler);
        PubSubEventDispatcher.addListener(pepEvents);
        capabilities.addListener(pepEvents);
    }

    /** Removes everything {@link #register} added, then stops the thread (waiting for the task in hand). */
    @Override
    public void close() {
        capabilities.removeListener(pepEvents);
        PubSubEventDispatcher.removeListener(pepEvents);
        iqRouter.removeHandler(lastActivityHandler);
        iqRouter.removeHandler(pepHandler);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("domainchat-colleagues did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    ColleaguePepHandler pepHandler() {
        return pepHandler;
    }

    ColleagueLastActivityHandler lastActivityHandler() {
        return lastActivityHandler;
    }

    ColleaguePepEvents pepEvents() {
        return pepEvents;
    }

    private static IQHandler builtIn(XMPPServer server, Class<? extends IQHandler> type) {
        for (IQHandler handler : server.getIQHandlers()) {
            if (type.isInstance(handler)) {
                return handler;
            }
        }
        throw new IllegalStateException("Openfire has no " + type.getSimpleName());
    }
}
