package org.domainchat.webmail;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

import org.domainchat.alias.AliasNames;
import org.xmpp.packet.JID;

/** Parsing of the values callers put in paths and queries, each refusing bad input with a 400 that names it. */
final class Params {

    private static final int MAX_JID_CHARS = 3071;
    /** Far beyond any directory; only keeps the number an int. */
    static final int MAX_OFFSET = 10_000_000;

    private Params() {
    }

    /** A bare JID ({@code user@domain}, no resource), normalised by Tinder's stringprep. */
    static String bareJid(String name, String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_JID_CHARS) {
            throw invalidAddress(name, text);
        }
        JID jid;
        try {
            jid = new JID(text);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw invalidAddress(name, text);
        }
        if (jid.getNode() == null || jid.getResource() != null) {
            throw invalidAddress(name, text);
        }
        return jid.toBareJID();
    }

    /** An archive id (message or conversation), as the API hands them out: a positive decimal number. */
    static long archiveId(String name, String text) {
        if (text == null || text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(name, "must be an id as returned by this API");
        }
        try {
            long value = Long.parseLong(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // more than Long.MAX_VALUE: not an id either
        }
        throw invalid(name, "must be an id as returned by this API");
    }

    /**
     * A chat alias in a path: its name ({@code sales}) or its address ({@code sales@example.com}), case-insensitive.
     * Only the name's syntax is checked here; whether the domain is this server's is up to the handler, which knows
     * the domain.
     */
    static AliasPath aliasName(String name, String text) {
        int at = text.lastIndexOf('@');
        String local = at < 0 ? text : text.substring(0, at);
        String domain = at < 0 ? null : text.substring(at + 1).toLowerCase(Locale.ROOT);
        // Whitespace is refused rather than trimmed: a path names one alias exactly.
        Optional<String> problem = local.chars().anyMatch(Character::isWhitespace)
                ? Optional.of("The alias name may not contain spaces.")
                : AliasNames.problem(local, username -> false);
        if (problem.isPresent() || (domain != null && domain.isEmpty())) {
            throw ApiError.badRequest("invalid-alias-name", "\"" + clip(text) + "\" given as " + name
                    + " is not an alias name such as sales or sales@example.com. "
                    + problem.orElse("The domain is missing after the @."));
        }
        return new AliasPath(AliasNames.normalise(local), domain);
    }

    /** A page size between 1 and {@code max}. */
    static int limit(String name, String text, int max) {
        if (text != null && !text.isEmpty() && text.length() <= 4 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= max) {
                return value;
            }
        }
        throw invalid(name, "must be a number from 1 to " + max);
    }

    /** A position in a list: absent or blank is 0; otherwise 0 to {@value #MAX_OFFSET}. */
    static int offset(String name, String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        if (text.length() <= 9 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int value = Integer.parseInt(text);
            if (value <= MAX_OFFSET) {
                return value;
            }
        }
        throw invalid(name, "must be a number from 0 to " + MAX_OFFSET);
    }

    /**
     * A point in time as epoch milliseconds, an ISO-8601 instant ({@code 2026-11-25T08:00:00Z}) or a date in UTC
     * ({@code 2026-11-25}); a date means the start of that day, or with {@code endOfDay} the start of the next day,
     * so that {@code to=2026-11-25} includes the 25th.
     */
    static long instant(String name, String text, boolean endOfDay) {
        if (text != null && !text.isEmpty() && text.length() <= 40) {
            try {
                if (text.chars().allMatch(c -> c >= '0' && c <= '9') && text.length() <= 15) {
                    return Long.parseLong(text);
                }
                if (text.length() == 10) {
                    LocalDate day = LocalDate.parse(text);
                    return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                }
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                // falls through to the explanation
            }
        }
        throw invalid(name, "must be a date (2026-11-25), an ISO-8601 UTC time (2026-11-25T08:00:00Z) or epoch "
                + "milliseconds");
    }

    static ApiError invalid(String name, String what) {
        return ApiError.badRequest("invalid-parameter", "The parameter \"" + name + "\" " + what + ".");
    }

    private static ApiError invalidAddress(String name, String text) {
        return ApiError.badRequest("invalid-address", "\"" + clip(text) + "\" given as " + name
                + " is not a bare address such as user@example.com.");
    }

    /** Echoed input is cut so that an error never grows with what the caller sent. */
    static String clip(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }
}
