package org.domainchat.webmail;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.domainchat.directory.ContactRoster;
import org.domainchat.presence.Online;
import org.domainchat.unread.ReadListener;
import org.domainchat.unread.ReadMarkerStore;
import org.domainchat.unread.ReadMarkers;
import org.domainchat.webmail.live.WebmailStatus;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * What the navigation and content panes ({@code /contacts}, {@code /read}) read from the server.
 *
 * @param roster        the domain's contacts (directory and aliases); empty while they cannot be served, e.g.
 *                      before domain contacts have started: the endpoints then answer 503 {@code contacts-unavailable}
 * @param online        who is online with which presence
 * @param webmailStatus a user's own current webmail status (the live core's); null counts as Available, the
 *                      default for a user who never chose one. While it is Offline, webmail shows every contact offline
 * @param readMarkers   the users' read state, for unread counts and {@code POST /read}
 * @param cards         vCard basics for contact details
 */
public record Contacts(Supplier<Optional<ContactRoster>> roster, Online online,
                       Function<String, WebmailStatus> webmailStatus, ReadMarkers readMarkers, ContactCards cards) {

    /** Nobody online: what the placeholder reports, should anything ask it. */
    private static final Online NOBODY = new Online() {
        @Override
        public Collection<String> usernames() {
            return List.of();
        }

        @Override
        public List<JID> resources(String username) {
            return List.of();
        }

        @Override
        public Presence presenceOf(JID resource) {
            return null;
        }
    };

    /** For a server that cannot serve contacts yet: every contact endpoint answers 503 {@code contacts-unavailable}. */
    public static Contacts unavailable() {
        // Only the roster is ever asked: its emptiness ends every request before the other parts are used.
        ReadMarkers noStore = new ReadMarkers(new ReadMarkerStore(() -> {
            throw new SQLException("contacts are not available");
        }), System::currentTimeMillis, ReadListener.NONE);
        return new Contacts(Optional::empty, NOBODY, username -> WebmailStatus.OFFLINE, noStore, ContactCards.NONE);
    }
}
