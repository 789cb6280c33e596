package org.domainchat.openfire;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.domainchat.DomainChat;
import org.domainchat.alias.AliasBook;
import org.domainchat.db.ConnectionSource;
import org.domainchat.mam.AliasLines;
import org.domainchat.mam.ArchiveProgress;
import org.domainchat.mam.MamService;
import org.domainchat.mam.SearchFulltext;
import org.jivesoftware.openfire.IQRouter;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.disco.IQDiscoInfoHandler;
import org.jivesoftware.openfire.disco.UserFeaturesProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XEP-0313 for every user, answered from domain chat's archive: the {@code urn:xmpp:mam:2} IQ handler and the
 * features on users' bare JIDs. Openfire 5.1.1 has no handler of its own for this namespace; if another plugin (the
 * Monitoring plugin) already answers it, this feature stays off rather than take it over or be removed with it.
 */
final class MamFeature implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MamFeature.class);
    /** Queries answered at once; more wait in a queue of {@link #QUEUE} and beyond that are refused as busy. */
    static final int THREADS = 2;
    static final int QUEUE = 1000;
    /** How long a query waits at most for the messages accepted before it to reach the database. */
    static final Duration CATCH_UP = Duration.ofSeconds(2);

    private final IQRouter iqRouter;
    private final IQDiscoInfoHandler disco;
    private final MamIqHandler handler;
    private final UserFeaturesProvider features;
    private final ThreadPoolExecutor executor;

    private MamFeature(IQRouter iqRouter, IQDiscoInfoHandler disco, MamIqHandler handler,
                       UserFeaturesProvider features, ThreadPoolExecutor executor) {
        this.iqRouter = iqRouter;
        this.disco = disco;
        this.handler = handler;
        this.features = features;
        this.executor = executor;
    }

    /** Registers the handler and the features; null when another handler already answers the namespace. */
    /** @param aliasLines how alias copies name their writer (the directory's names, the writer-prefix setting) */
    static MamFeature start(XMPPServer server, DomainChat core, ConnectionSource database, AliasLines aliasLines) {
        IQRouter iqRouter = server.getIQRouter();
        if (iqRouter.supports(MamService.NAMESPACE)) {
            LOG.warn("Another plugin already answers {} (the Monitoring plugin?): domain chat's archive is not "
                    + "offered to clients through it", MamService.NAMESPACE);
            return null;
        }
        String domain = server.getServerInfo().getXMPPDomain();
        AliasBook aliases = core.aliases();
        MamService service = new MamService(database, domain, aliases, () -> aliasAddresses(aliases),
                ArchiveProgress.of(core.archive()), CATCH_UP, new SearchFulltext(core.search()), aliasLines);
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "domainchat-mam");
                    t.setDaemon(true);
                    return t;
                });
        MamIqHandler handler = new MamIqHandler(service,
                (to, packet) -> server.getRoutingTable().routePacket(to, packet), executor);
        UserFeaturesProvider features = new UserFeaturesProvider() {
            @Override
            public Iterator<String> getFeatures() {
                return MamService.FEATURES.iterator();
            }
        };
        IQDiscoInfoHandler disco = server.getIQDiscoInfoHandler();
        iqRouter.addHandler(handler);
        disco.addUserFeaturesProvider(features);
        return new MamFeature(iqRouter, disco, handler, features, executor);
    }

    private static Collection<String> aliasAddresses(AliasBook aliases) {
        List<String> out = new ArrayList<>();
        for (String name : aliases.view().byName().keySet()) {
            out.add(aliases.address(name));
        }
        return out;
    }

    MamIqHandler handler() {
        return handler;
    }

    UserFeaturesProvider features() {
        return features;
    }

    /** Removes the features and the handler, then lets the queries in hand finish (10 s at most). */
    @Override
    public void close() {
        disco.removeUserFeaturesProvider(features);
        iqRouter.removeHandler(handler);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
                LOG.warn("domainchat-mam did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
