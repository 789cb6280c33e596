package org.domainchat.webmail;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Single-use tickets for opening an event stream with the browser's {@code EventSource}, which cannot send an
 * {@code Authorization} header. A ticket is good for one stream within {@link #LIFETIME_MS}; so a URL that ends up in
 * a log or a history is worthless, unlike a session token in the URL would be.
 */
final class StreamTickets {

    static final long LIFETIME_MS = 60_000;
    private static final int MAX_TICKETS = 100_000;

    private record Ticket(Caller caller, long expiresAt) {
    }

    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final LongSupplier clock;

    StreamTickets(LongSupplier clock) {
        this.clock = clock;
    }

    String issue(Caller caller) {
        long now = clock.getAsLong();
        if (tickets.size() >= MAX_TICKETS) {
            tickets.values().removeIf(t -> t.expiresAt <= now);
            if (tickets.size() >= MAX_TICKETS) {
                throw ApiError.unavailable("too-many-tickets", "Too many event stream tickets are outstanding; "
                        + "try again shortly.", 5);
            }
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String ticket = "est_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tickets.put(ticket, new Ticket(caller, now + LIFETIME_MS));
        return ticket;
    }

    /** The ticket's caller, once; 401 for an unknown, used or expired ticket. */
    Caller redeem(String ticket) {
        Ticket t = ticket == null ? null : tickets.remove(ticket);
        if (t == null || t.expiresAt <= clock.getAsLong()) {
            throw ApiError.invalidToken("invalid-ticket", "This event stream ticket is unknown, used or expired; "
                    + "get a new one at POST /events/ticket.");
        }
        return t.caller;
    }

    void clear() {
        tickets.clear();
    }
}
