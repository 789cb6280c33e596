package org.domainchat.openfire;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.domainchat.DomainChat;
import org.domainchat.alias.AliasBook;
import org.domainchat.alias.AliasMessages;
import org.domainchat.colleagues.Colleagues;
import org.domainchat.db.ConnectionSource;
import org.domainchat.delivery.ArchiveGate;
import org.domainchat.directory.ContactRoster;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.domainchat.directory.HiddenContacts;
import org.domainchat.directory.RosterEdits;
import org.domainchat.directory.RosterEntry;
import org.domainchat.directory.RosterPushes;
import org.domainchat.directory.RosterRequests;
import org.domainchat.presence.AliasPresence;
import org.domainchat.presence.PresenceFanout;
import org.domainchat.presence.SubscriptionAnswers;
import org.domainchat.util.XmlChars;
import org.jivesoftware.openfire.IQRouter;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.event.GroupEventDispatcher;
import org.jivesoftware.openfire.event.UserEventDispatcher;
import org.jivesoftware.openfire.handler.IQHandler;
import org.jivesoftware.openfire.handler.IQRosterHandler;
import org.jivesoftware.openfire.interceptor.InterceptorManager;
import org.jivesoftware.openfire.roster.RosterItem;
import org.jivesoftware.openfire.roster.RosterManager;
import org.jivesoftware.openfire.user.User;
import org.jivesoftware.openfire.user.UserNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * Domain contacts and aliases inside Openfire: the directory loaded from the user store, the roster handler, the
 * presence, subscription, alias and push interceptors, and the user and group events, all registered by
 * {@link #start} and all removed again by {@link #close}. One thread ("domainchat-contacts") does the work that
 * follows a change (roster pushes, alias presence, reconciling with the user store), so an admin's request never
 * waits for thousands of stanzas.
 */
final class DomainContactsFeature implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DomainContactsFeature.class);
    private final PluginProperties properties;
    private final InterceptorManager interceptors;
    private final IQRouter iqRouter;
    private final String domain;
    private final ScheduledExecutorService executor;
    private final Executor work;
    private final DomainDirectory directory;
    private final AliasBook aliases;
    private final OpenfireOnline online;
    private final OpenfireGroups groups;
    private final ContactRoster contacts;
    private final RosterPushes pushes;
    private final PresenceFanout fanout;
    private final AliasPresence aliasPresence;
    private final SubscriptionGuard guard;
    private final AliasMessageInterceptor aliasInterceptor;
    private final PresenceInterceptor presenceInterceptor;
    private final RosterPushRewriter pushRewriter;
    private final DirectoryRosterHandler rosterHandler;
    private final DirectoryEvents events;
    private final Function<String, List<RosterEntry>> ownItems;
    private final Consumer<DomainDirectory.Change> onDirectoryChange;
    private final Consumer<AliasBook.Change> onAliasChange;
    private final Consumer<Boolean> onActiveChange;
    private final Consumer<Set<String>> onHiddenChange;
    private final HiddenContacts removed;
    private final Colleagues colleagues;
    private final Supplier<List<DirectoryUser>> accounts;
    private final ContactsAdminView admin;

    private DomainContactsFeature(XMPPServer server, InterceptorManager interceptors, OpenfireGroups groups,
                                  PluginProperties properties, DomainChat core, ArchiveGate gate,
                                  ConnectionSource database, Supplier<Locale> locale) {
        this.properties = properties;
        this.interceptors = interceptors;
        this.iqRouter = server.getIQRouter();
        this.domain = server.getServerInfo().getXMPPDomain();
        this.groups = groups;
        this.aliases = core.aliases();
        this.accounts = () -> {
            List<DirectoryUser> all = new ArrayList<>();
            for (User u : server.getUserManager().getUsers()) {
                // names go into roster items, nicks and alias prefixes: only characters XML allows
                all.add(new DirectoryUser(u.getUsername(), XmlChars.clean(u.getName())));
            }
            return all;
        };
        this.directory = new DomainDirectory(accounts.get(), properties.hidden.getValue());
        this.online = new OpenfireOnline(server.getRoutingTable(), domain);
        BooleanSupplier active = properties.active::getValue;
        Supplier<String> domainGroup = () -> {
            String g = properties.directoryGroup.getValue();
            return g == null || g.isBlank() ? domain : g.strip();
        };
        Supplier<String> aliasGroup = () -> {
            String g = properties.aliasGroup.getValue();
            return g == null || g.isBlank() ? "Aliases" : g.strip();
        };
        this.removed = RosterEditor.load(database);
        this.contacts = new ContactRoster(directory::snapshot, aliases::view, domain, domainGroup, aliasGroup,
                removed::of);
        this.colleagues = new Colleagues(directory::snapshot, aliases::view, domain, active);
        RosterManager rosters = server.getRosterManager();
        this.ownItems = username -> {
            try {
                return DirectoryRosterHandler.own(rosters.getRoster(username));
            } catch (UserNotFoundException e) {
                return List.of();
            }
        };
        this.pushes = new RosterPushes(contacts, online, ownItems);
        this.fanout = new PresenceFanout(directory::snapshot, online, online);
        this.aliasPresence = new AliasPresence(aliases::view, online, online, domain, locale);

        this.aliasInterceptor = new AliasMessageInterceptor(new AliasMessages(aliases, online, online,
                core.archiver(), gate, active, u -> directory.snapshot().contains(u), this::displayName,
                properties.writerPrefix::getValue));
        this.presenceInterceptor = new PresenceInterceptor(fanout, aliasPresence,
                username -> reachedByOpenfire(rosters, username), domain, active);
        this.pushRewriter = new RosterPushRewriter(contacts, ownItems, active);
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "domainchat-contacts");
            t.setDaemon(true);
            return t;
        });
        // the executor would keep a failed task's exception in its future, where nobody looks: log it
        Executor work = task -> executor.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("domainchat contacts: a change could not be passed on to online users", e);
            }
        });
        this.work = work;
        SubscriptionAnswers answers = new SubscriptionAnswers(directory::snapshot, aliases::view, aliasPresence,
                online, domain);
        RosterEdits edits = new RosterEdits(contacts);
        RosterEditor editor = new RosterEditor(edits, removed, ownItems, online, online, work,
                RosterEditor.presenceByProbe(answers, online));
        this.guard = new SubscriptionGuard(answers, online, active, edits, editor, ownItems);
        this.rosterHandler = new DirectoryRosterHandler(builtInRosterHandler(server), new RosterRequests(contacts),
                edits, editor, rosters, domain, active, RosterManager::isRosterVersioningEnabled);
        this.events = new DirectoryEvents(directory, aliases, work, editor::accountDeleted);
        // while domain chat is off, nobody has colleagues or aliases, so there is nobody to tell
        this.onDirectoryChange = change -> {
            if (active.getAsBoolean()) {
                route(pushes.pushesFor(change));
            }
        };
        this.onAliasChange = change -> work.execute(() -> {
            if (active.getAsBoolean()) {
                route(pushes.pushesFor(change));
                aliasPresence.aliasesChanged();
            }
        });
        ActivationSweep sweep = new ActivationSweep(contacts, online, ownItems, fanout, aliasPresence);
        this.onActiveChange = on -> work.execute(() -> sweep.run(on));
        this.onHiddenChange = hidden -> work.execute(() -> applyHidden(hidden));
        this.admin = new ContactsAdminView(properties, directory, aliases, groups, domain);
    }

    /** Builds the feature and registers it with Openfire; the subscription guard goes first (index 0). */
    static DomainContactsFeature start(XMPPServer server, InterceptorManager interceptors, OpenfireGroups groups,
                                       PluginProperties properties, DomainChat core, ArchiveGate gate,
                                       ConnectionSource database, Supplier<Locale> locale) {
        DomainContactsFeature feature = new DomainContactsFeature(server, interceptors, groups, properties, core,
                gate, database, locale);
        feature.register();
        return feature;
    }

    private void register() {
        directory.addListener(onDirectoryChange); // already on our thread: DirectoryEvents hands changes over
        aliases.addListener(onAliasChange);
        properties.active.addListener(onActiveChange);
        properties.hidden.addListener(onHiddenChange);
        interceptors.addInterceptor(0, guard);
        interceptors.addInterceptor(aliasInterceptor);
        interceptors.addInterceptor(presenceInterceptor);
        interceptors.addInterceptor(pushRewriter);
        iqRouter.addHandler(rosterHandler);
        UserEventDispatcher.addListener(events);
        GroupEventDispatcher.addListener(events);
        long every = properties.reconcileInterval.getValue().toMillis();
        executor.scheduleWithFixedDelay(this::reconcile, every, every, TimeUnit.MILLISECONDS);
    }

    /** Colleagues and aliases as rosters show them, for webmail's contact panes. */
    ContactRoster contactRoster() {
        return contacts;
    }

    /** Who counts as subscribed to whom, for the features that answer what Openfire would refuse colleagues. */
    Colleagues colleagues() {
        return colleagues;
    }

    /** Openfire's routing table as domain chat's online and routing ports. */
    OpenfireOnline online() {
        return online;
    }

    /** The domain directory, for webmail's contact list events. */
    DomainDirectory directory() {
        return directory;
    }

    /** Removes everything {@link #register} added, then stops the thread (waiting for the change in hand). */
    @Override
    public void close() {
        UserEventDispatcher.removeListener(events);
        GroupEventDispatcher.removeListener(events);
        iqRouter.removeHandler(rosterHandler);
        interceptors.removeInterceptor(pushRewriter);
        interceptors.removeInterceptor(presenceInterceptor);
        interceptors.removeInterceptor(aliasInterceptor);
        interceptors.removeInterceptor(guard);
        properties.active.removeListener(onActiveChange);
        properties.hidden.removeListener(onHiddenChange);
        aliases.removeListener(onAliasChange);
        directory.removeListener(onDirectoryChange);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("domainchat-contacts did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    ContactsAdminView admin() {
        return admin;
    }

    RosterPushRewriter pushRewriter() {
        return pushRewriter;
    }

    AliasMessageInterceptor aliasInterceptor() {
        return aliasInterceptor;
    }

    /** A user's name as contacts show it (the username when the directory does not know them). */
    String displayName(String username) {
        DirectoryUser u = directory.snapshot().byUsername().get(username);
        return u == null ? username : u.displayName();
    }

    private void route(List<IQ> stanzas) {
        for (IQ iq : stanzas) {
            try {
                online.route(iq.getTo(), iq);
            } catch (RuntimeException e) {
                LOG.debug("Roster push to {} failed (the session just closed?)", iq.getTo(), e);
            }
        }
    }

    /** Picks up accounts a user provider (LDAP) added, renamed or removed without telling anyone. */
    private void reconcile() {
        try {
            directory.reconcile(accounts.get());
            aliases.groupsChanged();
        } catch (RuntimeException e) {
            LOG.warn("Could not compare the domain directory with the user store", e);
        }
    }

    private void applyHidden(Set<String> hidden) {
        Set<String> now = hidden == null ? Set.of() : hidden;
        for (String username : directory.hiddenUsernames()) {
            if (!now.contains(username)) {
                directory.setHidden(username, false);
            }
        }
        for (String username : now) {
            directory.setHidden(username, true);
        }
    }

    /** The usernames Openfire itself sends {@code username}'s presence to: stored items with from/both. */
    private Set<String> reachedByOpenfire(RosterManager rosters, String username) {
        Set<String> reached = new HashSet<>();
        try {
            for (RosterItem item : rosters.getRoster(username).getRosterItems()) {
                RosterItem.SubType sub = item.getSubStatus();
                JID jid = item.getJid();
                if ((sub == RosterItem.SubType.FROM || sub == RosterItem.SubType.BOTH) && jid.getNode() != null
                        && domain.equals(jid.getDomain())) {
                    reached.add(jid.getNode());
                }
            }
        } catch (UserNotFoundException e) {
            return Set.of();
        }
        return reached;
    }

    /** Openfire's own roster handler, which ours delegates to for everything that is not domain chat's. */
    private static IQHandler builtInRosterHandler(XMPPServer server) {
        for (IQHandler handler : server.getIQHandlers()) {
            if (handler instanceof IQRosterHandler) {
                return handler;
            }
        }
        throw new IllegalStateException("Openfire has no roster handler");
    }

}
