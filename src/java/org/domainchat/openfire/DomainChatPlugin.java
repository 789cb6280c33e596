package org.domainchat.openfire;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import org.domainchat.DomainChat;
import org.domainchat.admin.ContactsAdmin;
import org.domainchat.db.ConnectionSource;
import org.domainchat.delivery.ArchiveGate;
import org.domainchat.delivery.DeliveryLines;
import org.domainchat.directory.ContactRoster;
import org.domainchat.mam.AliasLines;
import org.jivesoftware.database.DbConnectionManager;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.group.GroupManager;
import org.jivesoftware.openfire.http.HttpBindManager;
import org.jivesoftware.openfire.interceptor.InterceptorManager;
import org.jivesoftware.util.JiveGlobals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Openfire's entry point: the features, started in order and stopped in the reverse order.
 *
 * <ol>
 *   <li>the settings (registered first, so the System Properties page lists them whatever fails later);</li>
 *   <li>the archive core and its interceptor: without them nothing else starts, since no message may be accepted
 *       that the archive cannot take;</li>
 *   <li>domain contacts and aliases;</li>
 *   <li>what colleagues may read of each other as subscribers: personal eventing data and last activity;</li>
 *   <li>the archive for clients (XEP-0313 message archive management);</li>
 *   <li>webmail chat (the JSON API);</li>
 *   <li>the web chat panel and page, which only serve files that call the API.</li>
 * </ol>
 *
 * A feature that fails to start is logged and the others go on; {@link #destroyPlugin} stops whatever did start,
 * also after an {@link #initializePlugin} that failed half way (Openfire keeps such a plugin listed and unloads it
 * like any other), so a new version of the jar can replace this one without a restart and without leftovers.
 */
public final class DomainChatPlugin implements Plugin {

    private static final Logger LOG = LoggerFactory.getLogger(DomainChatPlugin.class);

    /**
     * Threads that deliver messages once the archive holds them (a sender always uses the same one): as many as
     * Openfire's client handler threads, whose routing work they take over, so delivery keeps the same share of a
     * busy machine's cores.
     */
    private static final int DELIVERY_LANES = 16;
    /** How long a starting copy waits for a copy that is being unloaded to let go of the data folder. */
    private static final Duration RELOAD_WAIT = Duration.ofSeconds(10);

    private final ConnectionSource database;
    private final Duration reloadWait;
    /** What {@link #destroyPlugin} stops, newest first. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private volatile PluginProperties properties;
    private volatile DomainChat core;
    private volatile ArchiveGate gate;
    private volatile DomainContactsFeature contacts;
    private volatile WebmailFeature webmail;
    private volatile WebchatFeature webchat;

    /** Openfire calls this one: the archive uses Openfire's own connection pool. */
    public DomainChatPlugin() {
        this(DbConnectionManager::getConnection, RELOAD_WAIT);
    }

    DomainChatPlugin(ConnectionSource database) {
        this(database, RELOAD_WAIT);
    }

    DomainChatPlugin(ConnectionSource database, Duration reloadWait) {
        this.database = database;
        this.reloadWait = reloadWait;
    }

    /** The jar's file name Openfire derives the plugin's canonical name (and its admin menu's texts) from. */
    static final String CANONICAL_NAME = "domainchat";

    @Override
    public synchronized void initializePlugin(PluginManager manager, File pluginDirectory) {
        String canonical = manager == null ? CANONICAL_NAME : manager.getCanonicalName(this);
        if (canonical != null && !CANONICAL_NAME.equals(canonical)) {
            // Openfire finds the admin menu's texts in i18n/<canonical name>_i18n, so they would show as keys, and
            // a later domainchat.jar would not replace this copy.
            LOG.warn("domainchat was installed as {}.jar; rename the file to {}.jar (delete this one, upload it "
                    + "again under that name) so that the admin console shows its menu and upgrades replace it",
                    canonical, CANONICAL_NAME);
        }
        WebmailProperties webmailProperties;
        try {
            properties = new PluginProperties();
            webmailProperties = new WebmailProperties();
        } catch (RuntimeException e) {
            LOG.error("domainchat could not register its settings, so it does not start; chat messages are NOT "
                    + "being archived", e);
            return;
        }
        XMPPServer server = XMPPServer.getInstance();
        OpenfireGroups groups = new OpenfireGroups(GroupManager.getInstance(),
                server.getServerInfo().getXMPPDomain());
        if (!startArchive(server, groups)) {
            return;
        }
        try {
            contacts = DomainContactsFeature.start(server, InterceptorManager.getInstance(), groups, properties, core,
                    gate, database, JiveGlobals::getLocale);
            started.push(contacts);
            LOG.info("domainchat contacts and aliases ready ({})", properties.active.getValue()
                    ? "active" : "not activated: turn them on under Server > Domain Chat");
        } catch (RuntimeException e) {
            LOG.error("domainchat could not start domain contacts and aliases; archiving continues", e);
        }
        if (contacts != null) {
            try {
                started.push(ColleagueSubscriptionsFeature.start(server, contacts.colleagues(), contacts.online(),
                        database, properties.lastItemsOnLogin::getValue));
            } catch (RuntimeException | LinkageError e) {
                LOG.error("domainchat could not let colleagues read each other's PEP data and last activity; "
                        + "contacts and chat continue", e);
            }
        }
        try {
            DomainContactsFeature names = contacts;
            PluginProperties settings = properties;
            MamFeature mam = MamFeature.start(server, core, database, AliasLines.of(
                    username -> names == null ? username : names.displayName(username),
                    settings.writerPrefix::getValue));
            if (mam != null) {
                started.push(mam);
                LOG.info("domainchat answers XEP-0313 archive queries (urn:xmpp:mam:2) from its archive");
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.error("domainchat could not offer its archive to clients (XEP-0313); chat and archiving continue", e);
        }
        try {
            DomainContactsFeature running = contacts;
            webmail = WebmailFeature.start(server, core, database, webmailProperties, properties.active::getValue,
                    this::contactRoster, running == null ? null : running.directory());
            started.push(webmail);
            LOG.info("domainchat webmail API at {} on the HTTP binding ports", WebmailEndpoint.basePath());
        } catch (RuntimeException | LinkageError e) {
            LOG.error("domainchat could not offer its webmail API; chat and archiving continue", e);
        }
        try {
            webchat = WebchatFeature.start(HttpBindManager.getInstance());
            started.push(webchat);
            LOG.info("domainchat web chat at /domainchat/chat/ and /domainchat/panel.js on the HTTP binding ports");
        } catch (RuntimeException | LinkageError e) {
            LOG.error("domainchat could not offer its web chat page; the API, chat and archiving continue", e);
        }
    }

    /**
     * The delivery lanes, the core, then the interceptor that archives every message (first in Openfire's list):
     * true when all run. Stopping goes the other way: no new message is taken, the journal's last batch is made
     * durable, and the lanes deliver what it released before they stop.
     */
    private boolean startArchive(XMPPServer server, OpenfireGroups groups) {
        try {
            DeliveryLines lines = new DeliveryLines(DELIVERY_LANES, "domainchat-deliver");
            started.push(lines);
            core = DomainChat.start(new OpenfireEnvironment(server, properties, database, groups, reloadWait,
                    lines.load()));
            started.push(core);
            gate = new ArchiveGate(core.archiver(), lines, message -> server.getMessageRouter().route(message),
                    (to, reply) -> server.getRoutingTable().routePacket(to, reply));
            ArchiveInterceptor interceptor = new ArchiveInterceptor(gate);
            InterceptorManager interceptors = InterceptorManager.getInstance();
            interceptors.addInterceptor(0, interceptor);
            started.push(() -> interceptors.removeInterceptor(interceptor));
        } catch (IOException | RuntimeException e) {
            LOG.error("domainchat could not start its archive; chat messages are NOT being archived", e);
            stopAll();
            return false;
        }
        LOG.info("domainchat started: archiving every one-to-one chat");
        return true;
    }

    @Override
    public synchronized void destroyPlugin() {
        stopAll();
        LOG.info("domainchat stopped");
    }

    private void stopAll() {
        webchat = null;
        webmail = null;
        contacts = null;
        core = null;
        gate = null;
        while (!started.isEmpty()) {
            AutoCloseable feature = started.pop();
            try {
                feature.close();
            } catch (Exception | LinkageError e) {
                // keep going: whatever else was started must stop too
                LOG.error("domainchat: a part of the plugin did not stop cleanly", e);
            }
        }
    }

    /** The running core for the admin pages, or null while the plugin is not running. */
    DomainChat core() {
        return core;
    }

    PluginProperties properties() {
        return properties;
    }

    /** The domain chat admin pages' view, or null while domain contacts are not running. */
    ContactsAdmin contactsAdmin() {
        DomainContactsFeature running = contacts;
        return running == null ? null : running.admin();
    }

    /** The domain's contacts for webmail's panes; empty while domain contacts are not running. */
    private Optional<ContactRoster> contactRoster() {
        DomainContactsFeature running = contacts;
        return running == null ? Optional.empty() : Optional.of(running.contactRoster());
    }

    DomainContactsFeature contacts() {
        return contacts;
    }

    /** The web chat's files, or null while they are not served. */
    WebchatFeature webchat() {
        return webchat;
    }

    WebmailEndpoint webmail() {
        WebmailFeature running = webmail;
        return running == null ? null : running.endpoint();
    }
}
