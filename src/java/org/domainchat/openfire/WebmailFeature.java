package org.domainchat.openfire;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.domainchat.DomainChat;
import org.domainchat.db.ConnectionSource;
import org.domainchat.directory.ContactRoster;
import org.domainchat.directory.DomainDirectory;
import org.domainchat.unread.ReadMarkerStore;
import org.domainchat.unread.ReadMarkers;
import org.domainchat.webmail.Contacts;
import org.domainchat.webmail.live.ContactListEvents;
import org.domainchat.webmail.live.ContactStatuses;
import org.domainchat.webmail.live.WebmailLive;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.http.HttpBindManager;
import org.jivesoftware.openfire.vcard.VCardManager;
import org.json.JSONObject;

/**
 * Webmail chat inside Openfire: the webmail resources (virtual client sessions), the live core, the contact panes
 * and the JSON API on the public HTTP ports, started in that order by {@link #start} and stopped in the reverse order
 * by {@link #close}. If starting fails half way, what was started is stopped again before the failure is thrown.
 */
final class WebmailFeature implements AutoCloseable {

    /** How long unloading waits for the webmail resources' sessions to close. */
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(10);

    private final OpenfireXmppLinks resources;
    private final WebmailEndpoint endpoint;
    private final ContactListEvents contactEvents;
    private final WebmailAccountEvents accountEvents;

    private WebmailFeature(OpenfireXmppLinks resources, WebmailEndpoint endpoint, ContactListEvents contactEvents,
                           WebmailAccountEvents accountEvents) {
        this.resources = resources;
        this.endpoint = endpoint;
        this.contactEvents = contactEvents;
        this.accountEvents = accountEvents;
    }

    /**
     * @param contacts  the domain's contacts while domain contacts run
     * @param directory the domain directory while domain contacts run, for contact list events
     */
    static WebmailFeature start(XMPPServer server, DomainChat core, ConnectionSource database,
                                WebmailProperties settings, BooleanSupplier active,
                                Supplier<Optional<ContactRoster>> contacts, DomainDirectory directory) {
        String domain = server.getServerInfo().getXMPPDomain();
        String version = WebmailFeature.class.getPackage().getImplementationVersion();
        OpenfireXmppLinks resources = OpenfireXmppLinks.production(server, version == null ? "development" : version);
        WebmailEndpoint endpoint = null;
        WebmailAccountEvents accountEvents = null;
        try {
            OpenfireOnline online = new OpenfireOnline(server.getRoutingTable(), domain);
            WebmailLive live = new WebmailLive(resources, new OpenfireStatusMemory(server.getUserManager()),
                    new ContactStatuses(online, core.aliases()::view, domain), core.aliases()::isAlias, domain,
                    settings, System::currentTimeMillis);
            ReadMarkers readMarkers = new ReadMarkers(new ReadMarkerStore(database), System::currentTimeMillis,
                    (user, with, upTo) -> live.publish(user, "read", new JSONObject().put("with", with)
                            .put("upTo", Long.toString(upTo))));
            Contacts panes = new Contacts(contacts, online, live::chosenStatus, readMarkers,
                    new OpenfireContactCards(VCardManager.getInstance()));
            endpoint = WebmailEndpoint.start(HttpBindManager.getInstance(), core, domain, server.getUserManager(),
                    active, settings, live, panes);
            // Password changes, lockouts and deletions end the user's sign-ins and streams at once.
            accountEvents = WebmailAccountEvents.attach(endpoint.api()::revokeCredentials);
            return new WebmailFeature(resources, endpoint,
                    ContactListEvents.attach(live, directory, core.aliases(), domain), accountEvents);
        } catch (RuntimeException | LinkageError e) {
            if (accountEvents != null) {
                accountEvents.close();
            }
            if (endpoint != null) {
                endpoint.close();
            }
            resources.closeAll(CLOSE_BOUND);
            throw e;
        }
    }

    WebmailEndpoint endpoint() {
        return endpoint;
    }

    /**
     * Account and contact events first, then the API (no request may reach a core that is stopping; streams end), then every
     * webmail resource, before the interceptors go: they tell domain contacts that the resources went away.
     */
    @Override
    public void close() {
        accountEvents.close();
        contactEvents.close();
        endpoint.close();
        resources.closeAll(CLOSE_BOUND);
    }
}
