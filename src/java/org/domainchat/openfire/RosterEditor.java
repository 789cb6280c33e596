package org.domainchat.openfire;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.domainchat.db.ConnectionSource;
import org.domainchat.directory.HiddenContactStore;
import org.domainchat.directory.HiddenContacts;
import org.domainchat.directory.RosterEdits;
import org.domainchat.directory.RosterEntry;
import org.domainchat.directory.RosterIq;
import org.domainchat.presence.Online;
import org.domainchat.presence.StanzaRouter;
import org.domainchat.presence.SubscriptionAnswers;
import org.jivesoftware.openfire.auth.UnauthorizedException;
import org.jivesoftware.openfire.handler.IQHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * Carries out {@link RosterEdits} on domain chat's own thread, since each one writes the database first (a client is
 * told an edit succeeded only once it is stored) and Openfire's handler threads must not wait for it. After a
 * removal the client gets the result and every resource of the user a push removing the contact; after an addition
 * the contact's current presence follows, so the client shows it as online at once.
 */
final class RosterEditor {

    private static final Logger LOG = LoggerFactory.getLogger(RosterEditor.class);

    private final RosterEdits edits;
    private final HiddenContacts hidden;
    private final Function<String, List<RosterEntry>> ownItems;
    private final Online online;
    private final StanzaRouter router;
    private final Executor work;
    private final BiConsumer<JID, String> presenceOfContact;

    /**
     * @param presenceOfContact sends one resource the current presence of a contact (a bare JID)
     */
    RosterEditor(RosterEdits edits, HiddenContacts hidden, Function<String, List<RosterEntry>> ownItems,
                 Online online, StanzaRouter router, Executor work, BiConsumer<JID, String> presenceOfContact) {
        this.edits = edits;
        this.hidden = hidden;
        this.ownItems = ownItems;
        this.online = online;
        this.router = router;
        this.work = work;
        this.presenceOfContact = presenceOfContact;
    }

    /**
     * The contacts users removed from their rosters, loaded from the database. Without the table (a failed schema
     * upgrade) nobody has removed anyone yet, and removals are answered with an error until it exists.
     */
    static HiddenContacts load(ConnectionSource database) {
        HiddenContactStore store = new HiddenContactStore(database);
        try {
            return HiddenContacts.load(store);
        } catch (SQLException e) {
            LOG.error("domainchat could not read the contacts users removed from their rosters (table "
                    + "dcHiddenContact); removing a colleague fails until it can", e);
            return HiddenContacts.empty(store);
        }
    }

    /** Sends a resource the current presence of a contact (a bare JID), as the answer to a probe would give it. */
    static BiConsumer<JID, String> presenceByProbe(SubscriptionAnswers answers, StanzaRouter router) {
        return (resource, contact) -> {
            Presence probe = new Presence(Presence.Type.probe);
            probe.setTo(new JID(contact));
            for (Presence p : answers.answer(probe, resource)) {
                router.route(resource, p);
            }
        };
    }

    /** An account was deleted: it leaves the lists of removed contacts, both as remover and as removed. */
    void accountDeleted(String username) {
        try {
            hidden.accountDeleted(username);
        } catch (SQLException e) {
            LOG.warn("Could not forget the removed contacts of deleted account {}", username, e);
        }
    }

    /** Removes a contact from the sender's roster: stored, answered, pushed to every resource. */
    void remove(IQ set, RosterEdits.Remove remove) {
        JID from = set.getFrom();
        work.execute(() -> {
            String username = from.getNode();
            try {
                hidden.hide(username, remove.contact());
            } catch (SQLException | RuntimeException e) {
                LOG.error("Could not store that {} removed {} from their contacts", username, remove.jid(), e);
                router.route(from, storeFailed(set));
                return;
            }
            router.route(from, IQ.createResultIQ(set));
            String version = edits.version(username, ownItems.apply(username));
            for (JID resource : online.resources(username)) {
                router.route(resource, RosterEdits.removalPush(resource, remove.jid(), version));
            }
        });
    }

    /**
     * Puts a removed contact back for a roster set: stored, then the set goes on to Openfire's handler (which keeps
     * the client's name and groups, answers, and pushes the item), then the contact's presence.
     */
    void restore(IQ set, RosterEdits.Restore restore, IQHandler openfire) {
        JID from = set.getFrom();
        work.execute(() -> {
            String username = from.getNode();
            try {
                hidden.show(username, restore.contact());
            } catch (SQLException | RuntimeException e) {
                LOG.error("Could not store that {} added {} back", username, restore.jid(), e);
                router.route(from, storeFailed(set));
                return;
            }
            IQ reply;
            try {
                reply = openfire.handleIQ(set);
            } catch (UnauthorizedException | RuntimeException e) {
                LOG.warn("Openfire's roster handler failed on {}", set.toXML(), e);
                reply = error(set, PacketError.Condition.internal_server_error, null);
            }
            if (reply != null) {
                router.route(from, reply);
            }
            presenceTo(username, restore.jid());
        });
    }

    /**
     * Puts a removed contact back for a subscription request (RFC 6121 §3.1.2: the server adds the contact to the
     * roster and pushes it), then runs {@code answer} (the usual answers to the request) and sends the presence.
     */
    void restore(JID sender, RosterEdits.Restore restore, Runnable answer) {
        work.execute(() -> {
            String username = sender.getNode();
            try {
                hidden.show(username, restore.contact());
            } catch (SQLException | RuntimeException e) {
                LOG.error("Could not store that {} added {} back", username, restore.jid(), e);
                return;
            }
            List<RosterEntry> own = ownItems.apply(username);
            edits.entry(username, restore.jid(), own).ifPresent(entry -> push(username, entry, own));
            answer.run();
        });
    }

    /** Tells every resource of {@code username} that the contact is as it was. */
    void unchanged(String username, RosterEntry entry) {
        work.execute(() -> push(username, entry, ownItems.apply(username)));
    }

    private void push(String username, RosterEntry entry, List<RosterEntry> own) {
        String version = edits.version(username, own);
        for (JID resource : online.resources(username)) {
            router.route(resource, RosterIq.push(resource, entry, version));
        }
    }

    private void presenceTo(String username, String contactJid) {
        for (JID resource : online.resources(username)) {
            presenceOfContact.accept(resource, contactJid);
        }
    }

    private static IQ storeFailed(IQ set) {
        return error(set, PacketError.Condition.internal_server_error,
                "The server could not store the change to your contact list. Please try again.");
    }

    private static IQ error(IQ request, PacketError.Condition condition, String text) {
        IQ error = IQ.createResultIQ(request);
        if (request.getChildElement() != null) {
            error.setChildElement(request.getChildElement().createCopy());
        }
        error.setError(text == null ? new PacketError(condition)
                : new PacketError(condition, condition.getDefaultType(), text));
        return error;
    }
}
