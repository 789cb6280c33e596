package org.domainchat.openfire;

import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.domainchat.presence.StanzaRouter;
import org.domainchat.presence.SubscriptionAnswers;
import org.jivesoftware.openfire.interceptor.PacketInterceptor;
import org.jivesoftware.openfire.interceptor.PacketRejectedException;
import org.jivesoftware.openfire.session.ClientSession;
import org.jivesoftware.openfire.session.Session;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * Answers a client's subscription stanzas and probes to domain contacts itself ({@link SubscriptionAnswers}) and
 * keeps them from Openfire, which would store roster items for them. Openfire's presence router answers every
 * rejected presence with an error to the sender; this guard marks its rejection with a token known only to this
 * plugin instance and drops exactly those errors on their way out. Register it first (index 0).
 *
 * <p>Not registered yet: see {@link DirectoryRosterHandler}.
 */
final class SubscriptionGuard implements PacketInterceptor {

    private final SubscriptionAnswers answers;
    private final StanzaRouter router;
    private final BooleanSupplier active;
    private final String token = "domainchat-handled-" + UUID.randomUUID();

    SubscriptionGuard(SubscriptionAnswers answers, StanzaRouter router, BooleanSupplier active) {
        this.answers = answers;
        this.router = router;
        this.active = active;
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
                throw new PacketRejectedException("handled by domainchat"); // dropped silently on delivery
            }
            return;
        }
        if (!(session instanceof ClientSession client) || client.isAnonymousUser() || !active.getAsBoolean()
                || !answers.concerns(presence, client.getAddress())) {
            return;
        }
        for (Presence answer : answers.answer(presence, client.getAddress())) {
            router.route(client.getAddress(), answer);
        }
        PacketRejectedException handled = new PacketRejectedException("answered by domainchat");
        handled.setRejectionError(new PacketError(PacketError.Condition.undefined_condition,
                PacketError.Type.cancel, token));
        throw handled;
    }

    /** For tests: the marker this instance puts on its rejections. */
    String token() {
        return token;
    }
}
