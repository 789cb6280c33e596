package org.domainchat.webmail.live;

import java.util.Locale;
import java.util.Optional;

import org.xmpp.packet.Presence;

/**
 * The four statuses of the webmail status menu and how each maps to XMPP presence: Available is a plain available
 * presence, Away is {@code away}, Busy is {@code dnd}, Offline is no webmail resource at all. Also the status shown
 * for a contact: the best of their resources.
 */
public enum WebmailStatus {
    // Declared best first: aggregation keeps the lowest ordinal.
    AVAILABLE("available"), BUSY("busy"), AWAY("away"), OFFLINE("offline");

    private final String label;

    WebmailStatus(String label) {
        this.label = label;
    }

    /** The API's name for it: {@code available}, {@code away}, {@code busy} or {@code offline}. */
    public String label() {
        return label;
    }

    /** The status of an API label, case-insensitive; empty for anything else. */
    public static Optional<WebmailStatus> ofLabel(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (WebmailStatus s : values()) {
            if (s.label.equals(wanted)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The {@code <show/>} a webmail resource announces for this status; null for a plain available presence. */
    public Presence.Show show() {
        return switch (this) {
            case AWAY -> Presence.Show.away;
            case BUSY -> Presence.Show.dnd;
            case AVAILABLE, OFFLINE -> null;
        };
    }

    /** How one resource's presence reads in webmail: chat and no show are Available, dnd Busy, away and xa Away. */
    public static WebmailStatus of(Presence presence) {
        if (presence == null || !presence.isAvailable()) {
            return OFFLINE;
        }
        Presence.Show show = presence.getShow();
        if (show == null || show == Presence.Show.chat) {
            return AVAILABLE;
        }
        return show == Presence.Show.dnd ? BUSY : AWAY;
    }

    /** The better of two statuses, for "the best of their resources". */
    public WebmailStatus best(WebmailStatus other) {
        return other.ordinal() < ordinal() ? other : this;
    }
}
