package org.domainchat.openfire;

import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.domainchat.directory.RosterEdits;
import org.domainchat.directory.RosterEntry;
import org.domainchat.presence.StanzaRouter;
import org.domainchat.presence.SubscriptionAnswers;
import org.jivesoftware.openfire.interceptor.PacketInterceptor;
import org.jivesoftware.openfire.interceptor.PacketRejectedException;
import org.jivesoftware.openfire.session.ClientSession;
import org.jivesoftware.openfire.session.Session;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * Answers a client's subscription stanzas and probes to domain contacts itself ({@link SubscriptionAnswers}) and
 * keeps them from Openfire, which would store roster items for them. Openfire's presence router answers every
 * rejected presence with an error to the sender; this guard marks its rejection with a token known only to this
 * plugin instance and drops exactly those errors on their way out. Register it first (index 0).
 *
 * <p>A subscription request to a contact the user removed from their roster puts it back first (RFC 6121 §3.1.2);
 * unsubscribing from a shown one changes nothing and is answered with a push of the unchanged item
 * ({@link RosterEdits}).
 */
final class SubscriptionGuard implements PacketInterceptor {

    private final SubscriptionAnswers answers;
    private final StanzaRouter router;
    private final BooleanSupplier active;
    private final RosterEdits edits;
    private final RosterEditor editor;
    private final Function<String, List<RosterEntry>> ownItems;
    private final String token = "domainchat-handled-" + UUID.randomUUID();

    /** @param ownItems a user's stored roster items */
    SubscriptionGuard(SubscriptionAnswers answers, StanzaRouter router, BooleanSupplier active, RosterEdits edits,
                      RosterEditor editor, Function<String, List<RosterEntry>> ownItems) {
        this.answers = answers;
        this.router = router;
        this.active = active;
        this.edits = edits;
        this.editor = editor;
        this.ownItems = ownItems;
    }

    @Override
    public void interceptPacket(Packet packet, Session session, boolean incoming, boolean processed)
            throws PacketRejectedException {
        if (processed || !(packet instanceof Presence presence)) {
            return;
        }
        if (!incoming) {
            PacketError error = presence.getError();
            if (presence.getType() == Presence.Type.error && error != null && token.equals(error.getText())) {
                throw new SilentRejection("handled by domainchat"); // dropped silently on delivery
            }
            return;
        }
        if (!(session instanceof ClientSession client) || client.isAnonymousUser() || !active.getAsBoolean()
                || !answers.concerns(presence, client.getAddress())) {
            return;
        }
        JID sender = client.getAddress();
        Presence.Type type = presence.getType();
        RosterEdits.Edit edit = type == Presence.Type.subscribe || type == Presence.Type.unsubscribe
                || type == Presence.Type.unsubscribed
                ? edits.subscription(presence, sender.getNode(), ownItems.apply(sender.getNode()))
                : new RosterEdits.NotOurs();
        Presence request = presence.createCopy(); // answered later, on another thread, when a contact comes back
        if (edit instanceof RosterEdits.Restore restore) {
            editor.restore(sender, restore, () -> answer(request, sender));
        } else {
            answer(request, sender);
            if (edit instanceof RosterEdits.Unchanged unchanged) {
                editor.unchanged(sender.getNode(), unchanged.entry());
            }
        }
        PacketRejectedException handled = new PacketRejectedException("answered by domainchat");
        handled.setRejectionError(new PacketError(PacketError.Condition.undefined_condition,
                PacketError.Type.cancel, token));
        throw handled;
    }

    private void answer(Presence request, JID sender) {
        for (Presence answer : answers.answer(request, sender)) {
            router.route(sender, answer);
        }
    }

    /** For tests: the marker this instance puts on its rejections. */
    String token() {
        return token;
    }
}
