package org.domainchat.openfire;

import java.io.File;
import java.io.IOException;

import org.domainchat.DomainChat;
import org.domainchat.db.ConnectionSource;
import java.util.Optional;

import org.domainchat.directory.ContactRoster;
import org.domainchat.unread.ReadMarkerStore;
import org.domainchat.unread.ReadMarkers;
import org.domainchat.webmail.Contacts;
import org.domainchat.webmail.live.ContactListEvents;
import org.domainchat.webmail.live.ContactStatuses;
import org.domainchat.webmail.live.WebmailLive;
import org.jivesoftware.database.DbConnectionManager;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.group.GroupManager;
import org.jivesoftware.openfire.http.HttpBindManager;
import org.jivesoftware.openfire.interceptor.InterceptorManager;
import org.jivesoftware.openfire.vcard.VCardManager;
import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Openfire's entry point. Loading wires the core, registers the archive interceptor, then domain contacts and
 * aliases; unloading removes them in the reverse order (no message is accepted that the archive cannot take), then
 * drains and stops the core, so a new version of the jar can replace this one without a restart.
 */
public final class DomainChatPlugin implements Plugin {

    private static final Logger LOG = LoggerFactory.getLogger(DomainChatPlugin.class);

    private final ConnectionSource database;
    private volatile DomainChat core;
    private PluginProperties properties;
    private ArchiveInterceptor interceptor;
    private volatile DomainContactsFeature contacts;
    private volatile WebmailEndpoint webmail;
    private volatile OpenfireXmppLinks resources;
    private volatile ContactListEvents contactEvents;

    /** Openfire calls this one: the archive uses Openfire's own connection pool. */
    public DomainChatPlugin() {
        this(DbConnectionManager::getConnection);
    }

    DomainChatPlugin(ConnectionSource database) {
        this.database = database;
    }

    @Override
    public void initializePlugin(PluginManager manager, File pluginDirectory) {
        properties = new PluginProperties();
        XMPPServer server = XMPPServer.getInstance();
        OpenfireGroups groups = new OpenfireGroups(GroupManager.getInstance(),
                server.getServerInfo().getXMPPDomain());
        try {
            core = DomainChat.start(new OpenfireEnvironment(server, properties, database, groups));
        } catch (IOException | RuntimeException e) {
            LOG.error("domainchat could not start its archive; chat messages are NOT being archived", e);
            return;
        }
        interceptor = new ArchiveInterceptor(core.archiver());
        InterceptorManager.getInstance().addInterceptor(interceptor);
        LOG.info("domainchat started: archiving every one-to-one chat");
        try {
            contacts = DomainContactsFeature.start(server, InterceptorManager.getInstance(), groups, properties, core,
                    org.jivesoftware.util.JiveGlobals::getLocale);
            LOG.info("domainchat contacts and aliases ready ({})", properties.active.getValue()
                    ? "active" : "not activated: turn them on under Server > Domain Chat");
        } catch (RuntimeException e) {
            LOG.error("domainchat could not start domain contacts and aliases; archiving continues", e);
        }
        try {
            String domain = server.getServerInfo().getXMPPDomain();
            WebmailProperties webmailProperties = new WebmailProperties();
            String version = DomainChatPlugin.class.getPackage().getImplementationVersion();
            resources = OpenfireXmppLinks.production(server, version == null ? "development" : version);
            OpenfireOnline online = new OpenfireOnline(server.getRoutingTable(), domain);
            WebmailLive live = new WebmailLive(resources, new OpenfireStatusMemory(server.getUserManager()),
                    new ContactStatuses(online, core.aliases()::view, domain), core.aliases()::isAlias, domain,
                    webmailProperties, System::currentTimeMillis);
            ReadMarkers readMarkers = new ReadMarkers(new ReadMarkerStore(database), System::currentTimeMillis,
                    (user, with, upTo) -> live.publish(user, "read", new JSONObject().put("with", with)
                            .put("upTo", Long.toString(upTo))));
            Contacts panes = new Contacts(this::contactRoster, online, live::chosenStatus, readMarkers,
                    new OpenfireContactCards(VCardManager.getInstance()));
            webmail = WebmailEndpoint.start(HttpBindManager.getInstance(), core, domain, server.getUserManager(),
                    properties.active::getValue, webmailProperties, live, panes);
            DomainContactsFeature running = contacts;
            contactEvents = ContactListEvents.attach(live, running == null ? null : running.directory(),
                    core.aliases(), domain);
            LOG.info("domainchat webmail API at {} on the HTTP binding ports", WebmailEndpoint.basePath());
        } catch (RuntimeException | LinkageError e) {
            LOG.error("domainchat could not offer its webmail API; chat and archiving continue", e);
        }
    }

    @Override
    public void destroyPlugin() {
        ContactListEvents events = contactEvents;
        contactEvents = null;
        if (events != null) {
            events.close();
        }
        WebmailEndpoint api = webmail;
        webmail = null;
        if (api != null) {
            api.close(); // first: no request may reach a core that is stopping; ends streams, resources go offline
        }
        OpenfireXmppLinks links = resources;
        resources = null;
        if (links != null) {
            // Before the interceptors go: they tell domain contacts that the webmail resources went away.
            links.closeAll(java.time.Duration.ofSeconds(10));
        }
        DomainContactsFeature running = contacts;
        contacts = null;
        if (running != null) {
            running.close(); // no alias message is taken that the archive could no longer store
        }
        if (interceptor != null) {
            InterceptorManager.getInstance().removeInterceptor(interceptor);
            interceptor = null;
        }
        DomainChat runningCore = core;
        core = null;
        if (runningCore != null) {
            runningCore.close();
        }
        LOG.info("domainchat stopped");
    }

    /** The running core for the admin pages, or null while the plugin is not running. */
    DomainChat core() {
        return core;
    }

    PluginProperties properties() {
        return properties;
    }

    /** The domain chat admin pages' view, or null while domain contacts are not running. */
    org.domainchat.admin.ContactsAdmin contactsAdmin() {
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

    WebmailEndpoint webmail() {
        return webmail;
    }
}
