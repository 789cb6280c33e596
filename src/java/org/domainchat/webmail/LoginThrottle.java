package org.domainchat.webmail;

import java.util.function.LongSupplier;

/**
 * Limits password guessing: failed logins are counted per account name and per client address, each in a token
 * bucket that refills its capacity over {@link WebmailSettings#LOGIN_WINDOW}. An attempt takes a token from both
 * before the password is checked (so parallel guesses cannot slip past the count) and a successful one gives them
 * back: only failures count.
 */
final class LoginThrottle {

    private static final int MAX_KEYS = 100_000;

    private final WebmailSettings settings;
    private final LongSupplier clock;
    private final TokenBuckets byUser = new TokenBuckets(MAX_KEYS);
    private final TokenBuckets byAddress = new TokenBuckets(MAX_KEYS);

    LoginThrottle(WebmailSettings settings, LongSupplier clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** One login attempt in progress; {@link #succeeded()} gives its tokens back. */
    final class Attempt {
        private final String username;
        private final String address;
        private final int userCapacity;
        private final int addressCapacity;

        private Attempt(String username, String address, int userCapacity, int addressCapacity) {
            this.username = username;
            this.address = address;
            this.userCapacity = userCapacity;
            this.addressCapacity = addressCapacity;
        }

        void succeeded() {
            byUser.giveBack(username, userCapacity);
            byAddress.giveBack(address, addressCapacity);
        }
    }

    /** Starts an attempt, or refuses it with 429 while either the name or the address has failed too often. */
    Attempt begin(String username, String address) {
        long now = clock.getAsLong();
        int userCapacity = Math.max(1, settings.loginFailuresPerUser());
        int addressCapacity = Math.max(1, settings.loginFailuresPerAddress());
        long wait = byUser.tryTake(username, userCapacity, WebmailSettings.LOGIN_WINDOW, now);
        if (wait > 0) {
            throw refused(wait);
        }
        wait = byAddress.tryTake(address, addressCapacity, WebmailSettings.LOGIN_WINDOW, now);
        if (wait > 0) {
            byUser.giveBack(username, userCapacity);
            throw refused(wait);
        }
        return new Attempt(username, address, userCapacity, addressCapacity);
    }

    void clear() {
        byUser.clear();
        byAddress.clear();
    }

    private static ApiError refused(long waitMillis) {
        return ApiError.tooManyRequests("too-many-attempts",
                "Too many failed logins; wait before trying again.", waitMillis);
    }
}
