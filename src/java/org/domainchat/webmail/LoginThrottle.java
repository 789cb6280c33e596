package org.domainchat.webmail;

import java.util.function.LongSupplier;

/**
 * Limits password guessing: failed logins are counted per account name <em>and</em> client address, and per client
 * address, each in a token bucket that refills its capacity over {@link WebmailSettings#LOGIN_WINDOW}. An attempt
 * takes a token from both before the password is checked (so parallel guesses cannot slip past the count) and a
 * successful one gives them back: only failures count.
 *
 * <p>Failures are never counted per account name alone: that would let anyone, from anywhere, keep a user out by
 * typing five wrong passwords. Guessing from one address stops after a few tries; the user's own login from another
 * address (or from the same address while the guesser is elsewhere) keeps working.
 */
final class LoginThrottle {

    private static final int MAX_KEYS = 100_000;

    private final WebmailSettings settings;
    private final LongSupplier clock;
    private final TokenBuckets byUserAndAddress = new TokenBuckets(MAX_KEYS);
    private final TokenBuckets byAddress = new TokenBuckets(MAX_KEYS);

    LoginThrottle(WebmailSettings settings, LongSupplier clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** One login attempt in progress; {@link #succeeded()} gives its tokens back. */
    final class Attempt {
        private final String userAndAddress;
        private final String address;
        private final int userCapacity;
        private final int addressCapacity;

        private Attempt(String userAndAddress, String address, int userCapacity, int addressCapacity) {
            this.userAndAddress = userAndAddress;
            this.address = address;
            this.userCapacity = userCapacity;
            this.addressCapacity = addressCapacity;
        }

        void succeeded() {
            byUserAndAddress.giveBack(userAndAddress, userCapacity);
            byAddress.giveBack(address, addressCapacity);
        }
    }

    /**
     * Starts an attempt, or refuses it with 429 while the name from this address, or the address, has failed too
     * often.
     */
    Attempt begin(String username, String address) {
        long now = clock.getAsLong();
        int userCapacity = Math.max(1, settings.loginFailuresPerUser());
        int addressCapacity = Math.max(1, settings.loginFailuresPerAddress());
        // A newline never occurs in a name or an address, so no two pairs share a key.
        String userAndAddress = username + "\n" + address;
        long wait = byUserAndAddress.tryTake(userAndAddress, userCapacity, WebmailSettings.LOGIN_WINDOW, now);
        if (wait > 0) {
            throw refused(wait);
        }
        wait = byAddress.tryTake(address, addressCapacity, WebmailSettings.LOGIN_WINDOW, now);
        if (wait > 0) {
            byUserAndAddress.giveBack(userAndAddress, userCapacity);
            throw refused(wait);
        }
        return new Attempt(userAndAddress, address, userCapacity, addressCapacity);
    }

    void clear() {
        byUserAndAddress.clear();
        byAddress.clear();
    }

    private static ApiError refused(long waitMillis) {
        return ApiError.tooManyRequests("too-many-attempts",
                "Too many failed logins; wait before trying again.", waitMillis);
    }
}
