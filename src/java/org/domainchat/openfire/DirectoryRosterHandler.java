package org.domainchat.openfire;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.domainchat.directory.RosterEdits;
import org.domainchat.directory.RosterEntry;
import org.domainchat.directory.RosterRequests;
import org.jivesoftware.openfire.IQHandlerInfo;
import org.jivesoftware.openfire.auth.UnauthorizedException;
import org.jivesoftware.openfire.handler.IQHandler;
import org.jivesoftware.openfire.roster.Roster;
import org.jivesoftware.openfire.roster.RosterItem;
import org.jivesoftware.openfire.roster.RosterManager;
import org.jivesoftware.openfire.user.UserNotFoundException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * Takes over {@code jabber:iq:roster} (Openfire's IQ router prefers a handler registered for a namespace over its
 * built-in one): a roster get from a local user is answered with their stored items merged with the domain
 * directory; removing a colleague or alias, or adding a removed one back, is a {@link RosterEdits} carried out by
 * the {@link RosterEditor}. Everything else (renaming, regrouping, contacts of one's own), and everything while
 * domain chat is not active, goes to Openfire's own roster handler.
 */
final class DirectoryRosterHandler extends IQHandler {

    static final String NAMESPACE = "jabber:iq:roster";

    private final IQHandler builtIn;
    private final RosterRequests requests;
    private final RosterEdits edits;
    private final RosterEditor editor;
    private final RosterManager rosters;
    private final String domain;
    private final BooleanSupplier active;
    private final BooleanSupplier versioning;

    DirectoryRosterHandler(IQHandler builtIn, RosterRequests requests, RosterEdits edits, RosterEditor editor,
                           RosterManager rosters, String domain, BooleanSupplier active, BooleanSupplier versioning) {
        super("domainchat roster");
        this.builtIn = builtIn;
        this.requests = requests;
        this.edits = edits;
        this.editor = editor;
        this.rosters = rosters;
        this.domain = domain;
        this.active = active;
        this.versioning = versioning;
    }

    @Override
    public IQHandlerInfo getInfo() {
        return new IQHandlerInfo("query", NAMESPACE);
    }

    @Override
    public IQ handleIQ(IQ iq) throws UnauthorizedException {
        JID from = iq.getFrom();
        if (!active.getAsBoolean() || from == null || from.getNode() == null || !domain.equals(from.getDomain())) {
            return builtIn.handleIQ(iq);
        }
        if (iq.getType() == IQ.Type.get) {
            Roster roster;
            try {
                roster = rosters.getRoster(from.getNode());
            } catch (UserNotFoundException anonymousOrUnknown) {
                return builtIn.handleIQ(iq); // Openfire answers those with an empty roster
            }
            return requests.answerGet(iq, from.getNode(), own(roster), versioning.getAsBoolean());
        }
        if (iq.getType() == IQ.Type.set && (iq.getTo() == null || iq.getTo().equals(from.asBareJID()))) {
            RosterEdits.Edit edit = edits.rosterSet(iq, from.getNode());
            if (edit instanceof RosterEdits.Remove remove) {
                editor.remove(iq, remove);
                return null; // answered once stored
            }
            if (edit instanceof RosterEdits.Restore restore) {
                editor.restore(iq, restore, builtIn);
                return null;
            }
            if (edit instanceof RosterEdits.NotInRoster notInRoster) {
                return notInRoster.error();
            }
        }
        return builtIn.handleIQ(iq);
    }

    /** The stored items as a client would see them (pending inbound requests are not roster items). */
    static List<RosterEntry> own(Roster roster) {
        List<RosterEntry> out = new ArrayList<>();
        for (RosterItem item : roster.getRosterItems()) {
            RosterItem.SubType sub = item.getSubStatus();
            RosterItem.AskType ask = item.getAskStatus();
            if (sub == RosterItem.SubType.REMOVE || (sub == RosterItem.SubType.NONE
                    && (ask == null || ask == RosterItem.AskType.NONE)
                    && item.getRecvStatus() != null && item.getRecvStatus() != RosterItem.RecvType.NONE)) {
                continue;
            }
            String subscription = switch (sub) {
                case BOTH -> "both";
                case TO -> "to";
                case FROM -> "from";
                default -> "none";
            };
            String pending = ask == RosterItem.AskType.SUBSCRIBE ? "subscribe" : null;
            List<String> groups = item.getGroups() == null ? List.of() : List.copyOf(item.getGroups());
            out.add(new RosterEntry(item.getJid().toBareJID(), item.getNickname(), groups, subscription, pending,
                    false));
        }
        return out;
    }
}
