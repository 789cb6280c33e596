package org.domainchat.webmail;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Single-use tickets for opening an event stream with the browser's {@code EventSource}, which cannot send an
 * {@code Authorization} header. A ticket is good for one stream within {@link #LIFETIME_MS}; so a URL that ends up in
 * a log or a history is worthless, unlike a session token in the URL would be.
 *
 * <p>A user holds at most {@link WebmailSettings#maxTicketsPerUser()} unredeemed tickets (one user took 1,500 in
 * under two seconds before this limit, on the way to filling the server-wide {@value #MAX_TICKETS}). Tickets of a
 * user whose credentials were revoked are dropped with them.
 */
final class StreamTickets {

    static final long LIFETIME_MS = 60_000;
    private static final int MAX_TICKETS = 100_000;

    private record Ticket(String id, Caller caller, long expiresAt) {
    }

    /** Guarded by this, like {@link #byUser}. */
    private final Map<String, Ticket> tickets = new HashMap<>();
    /** Each user's tickets, oldest first. */
    private final Map<String, ArrayDeque<Ticket>> byUser = new HashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final LongSupplier clock;
    private final IntSupplier perUser;

    StreamTickets(LongSupplier clock, IntSupplier perUser) {
        this.clock = clock;
        this.perUser = perUser;
    }

    /** A new ticket for {@code caller}; 429 while the user holds the most allowed, 503 when the server does. */
    String issue(Caller caller) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String id = "est_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long now = clock.getAsLong();
        synchronized (this) {
            ArrayDeque<Ticket> own = byUser.computeIfAbsent(caller.username(), u -> new ArrayDeque<>());
            while (!own.isEmpty() && own.peekFirst().expiresAt <= now) {
                tickets.remove(own.removeFirst().id);
            }
            int max = Math.max(1, perUser.getAsInt());
            if (own.size() >= max) {
                throw ApiError.tooManyRequests("too-many-tickets", "You hold " + max + " unused event stream "
                        + "tickets, the most allowed; use one or wait for them to expire.",
                        own.peekFirst().expiresAt - now);
            }
            if (tickets.size() >= MAX_TICKETS) {
                sweep(now);
                if (tickets.size() >= MAX_TICKETS) {
                    if (own.isEmpty()) {
                        byUser.remove(caller.username());
                    }
                    throw ApiError.unavailable("too-many-tickets", "Too many event stream tickets are outstanding; "
                            + "try again shortly.", 5);
                }
            }
            Ticket ticket = new Ticket(id, caller, now + LIFETIME_MS);
            tickets.put(id, ticket);
            own.addLast(ticket);
        }
        return id;
    }

    /** The ticket's caller, once; 401 for an unknown, used or expired ticket. */
    Caller redeem(String id) {
        Ticket t;
        synchronized (this) {
            t = id == null ? null : tickets.remove(id);
            if (t != null) {
                forget(t);
            }
        }
        if (t == null || t.expiresAt <= clock.getAsLong()) {
            throw ApiError.invalidToken("invalid-ticket", "This event stream ticket is unknown, used or expired; "
                    + "get a new one at POST /events/ticket.");
        }
        return t.caller;
    }

    /** Drops every ticket of {@code username} (its credentials were revoked). */
    synchronized void revokeUser(String username) {
        ArrayDeque<Ticket> own = byUser.remove(username);
        if (own != null) {
            own.forEach(t -> tickets.remove(t.id));
        }
    }

    synchronized void clear() {
        tickets.clear();
        byUser.clear();
    }

    private void forget(Ticket t) {
        ArrayDeque<Ticket> own = byUser.get(t.caller.username());
        if (own != null) {
            own.remove(t);
            if (own.isEmpty()) {
                byUser.remove(t.caller.username());
            }
        }
    }

    private void sweep(long now) {
        for (Iterator<Ticket> it = tickets.values().iterator(); it.hasNext(); ) {
            Ticket t = it.next();
            if (t.expiresAt <= now) {
                it.remove();
                forget(t);
            }
        }
    }
}
