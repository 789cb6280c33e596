package org.domainchat.webmail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the {@code Authorization} header into a {@link Caller}. Users call with {@code Bearer}: a session token or
 * a backend token. Passwords are taken only where a password is the point: logging in, and the admin endpoints.
 * Credentials are read from that header alone, never from cookies, so a browser cannot be tricked into sending
 * them (no CSRF).
 */
final class Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    /** RFC 6750's b64token. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    private static final int MAX_PASSWORD_CHARS = 1024;

    /** What the {@code Authorization} header holds. */
    sealed interface Credentials {
        record None() implements Credentials {
        }

        record Bearer(String token) implements Credentials {
        }

        record Basic(String username, String password) implements Credentials {
            @Override
            public String toString() {
                return "Basic[" + username + "]";
            }
        }
    }

    private final UserDirectory users;
    private final CredentialCheck passwords;
    private final SessionTokens sessions;
    private final BackendTokens backend;
    private final LoginThrottle throttle;
    private final AccountGenerations generations;
    private final LongSupplier clock;

    Authenticator(UserDirectory users, CredentialCheck passwords, SessionTokens sessions, BackendTokens backend,
                  LoginThrottle throttle, AccountGenerations generations, LongSupplier clock) {
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.backend = backend;
        this.throttle = throttle;
        this.generations = generations;
        this.clock = clock;
    }

    static Credentials credentials(HttpServletRequest request) {
        List<String> headers = Collections.list(request.getHeaders("Authorization"));
        if (headers.isEmpty()) {
            return new Credentials.None();
        }
        if (headers.size() > 1) {
            throw ApiError.badRequest("malformed-request", "Send one Authorization header, not " + headers.size()
                    + ".");
        }
        String header = headers.get(0).strip();
        int space = header.indexOf(' ');
        String scheme = (space < 0 ? header : header.substring(0, space)).toLowerCase(Locale.ROOT);
        String value = space < 0 ? "" : header.substring(space + 1).strip();
        switch (scheme) {
            case "bearer" -> {
                if (!TOKEN.matcher(value).matches()) {
                    throw ApiError.invalidToken("invalid-token", "The token is not valid.");
                }
                return new Credentials.Bearer(value);
            }
            case "basic" -> {
                return basic(value);
            }
            default -> throw ApiError.unauthorized("unsupported-credentials",
                    "Use Authorization: Bearer <token>.");
        }
    }

    /** A user calling with a Bearer token. */
    Caller user(HttpServletRequest request) {
        Credentials credentials = credentials(request);
        if (credentials instanceof Credentials.Bearer bearer) {
            return bearer(bearer.token());
        }
        if (credentials instanceof Credentials.Basic) {
            throw ApiError.unauthorized("bearer-required", "This endpoint takes a Bearer token; exchange your "
                    + "password for one at POST /session.");
        }
        throw ApiError.missingCredentials("Send a session token or a backend token: Authorization: Bearer <token>.");
    }

    /**
     * An Openfire administrator: Basic with an admin's own password, or a backend token that both carries
     * {@code scope: admin} and names an admin. Session tokens never reach admin endpoints, so a stolen session is
     * never more than a user's.
     */
    Caller admin(HttpServletRequest request, String clientAddress) {
        Credentials credentials = credentials(request);
        Caller caller;
        if (credentials instanceof Credentials.Basic basic) {
            caller = password(basic.username(), basic.password(), clientAddress);
        } else if (credentials instanceof Credentials.Bearer bearer) {
            if (SessionTokens.looksLikeToken(bearer.token())) {
                throw ApiError.forbidden("forbidden", "Administrator endpoints take an administrator's password or a "
                        + "backend token with scope admin, not a session token.");
            }
            BackendTokens.Verified verified = backend.verify(bearer.token());
            caller = backendUser(verified);
            if (!verified.adminScope()) {
                throw ApiError.forbidden("forbidden", "This backend token has no admin scope.");
            }
        } else {
            throw ApiError.missingCredentials("Administrator endpoints need an administrator's credentials.");
        }
        if (!users.isAdmin(caller.username())) {
            throw ApiError.forbidden("forbidden", "This endpoint is for administrators.");
        }
        return caller;
    }

    /** A Bearer token: a session token of ours, or a backend token. */
    Caller bearer(String token) {
        if (SessionTokens.looksLikeToken(token)) {
            SessionTokens.Session session = sessions.use(token).orElseThrow(() -> ApiError.invalidToken(
                    "invalid-token", "The session has expired or was ended; log in again."));
            if (!users.exists(session.username())) {
                sessions.revokeUser(session.username());
                throw ApiError.invalidToken("unknown-user", "The account no longer exists.");
            }
            if (session.generation() != generations.of(session.username())) {
                sessions.revoke(token); // issued while the user's credentials were being revoked
                throw revoked();
            }
            refuseDisabled(session.username());
            return new Caller(session.username(), session.username() + "@" + users.domain(), Caller.Via.SESSION,
                    session.expiresAt(), session.generation(), SessionTokens.keyOf(token));
        }
        if (BackendTokens.looksLikeJwt(token)) {
            return backendUser(backend.verify(token));
        }
        throw ApiError.invalidToken("invalid-token", "The token is not valid.");
    }

    /** Checks a user's own password, counting failures against the name and the client's address. */
    Caller password(String username, String password, String clientAddress) {
        Optional<String> name = Usernames.local(username, users.domain());
        // An invalid name is throttled under what was typed, so it cannot be used to guess for free.
        String throttleKey = name.orElseGet(() -> Params.clip(username.strip().toLowerCase(Locale.ROOT)));
        LoginThrottle.Attempt attempt = throttle.begin(throttleKey, clientAddress);
        if (name.isEmpty() || password.isEmpty() || password.length() > MAX_PASSWORD_CHARS) {
            throw badCredentials();
        }
        CredentialCheck.Result result;
        try {
            result = passwords.check(name.get(), password);
        } catch (CredentialCheck.Unavailable e) {
            attempt.succeeded(); // not the caller's failure
            LOG.warn("domainchat webmail login for {} could not be checked: {} ({})", name.get(), e.getMessage(),
                    e.getCause() == null ? "no cause" : e.getCause().toString());
            throw ApiError.unavailable("login-unavailable", "Logins cannot be checked right now; try again shortly.",
                    30);
        }
        if (result != CredentialCheck.Result.OK || !users.exists(name.get())) {
            LOG.debug("domainchat webmail login failed for {} from {}: {}", name.get(), clientAddress, result);
            throw badCredentials();
        }
        attempt.succeeded();
        refuseDisabled(name.get()); // the right password: saying the account is disabled tells a guesser nothing
        return caller(name.get(), Caller.Via.PASSWORD, 0);
    }

    private Caller backendUser(BackendTokens.Verified verified) {
        // exactly a username: never stringprep'ed into someone else's ("alice" + U+200B is not alice)
        String name = Usernames.exactly(verified.subject(), users.domain())
                .filter(users::exists)
                .orElseThrow(() -> ApiError.invalidToken("unknown-user",
                        "The token's user (sub) is not an account on this server."));
        refuseDisabled(name);
        // A token signed before the user's credentials were revoked (a password change) ends with them. iat has
        // whole seconds: one signed in the second of the revocation still counts as after it.
        if (verified.issuedAt() + 1000 <= generations.revokedAt(name)) {
            throw revoked();
        }
        return caller(name, Caller.Via.BACKEND_TOKEN, verified.expiresAt());
    }

    private Caller caller(String username, Caller.Via via, long expiresAt) {
        return new Caller(username, username + "@" + users.domain(), via, expiresAt, generations.of(username), null);
    }

    /**
     * Whether {@code caller}'s credential still holds, checked again long after it was first accepted (an open event
     * stream, a ticket being redeemed): null when it does, else why not.
     *
     * @param lockout also ask whether the account is disabled (the user store may be asked; see {@link #guard})
     */
    ApiError recheck(Caller caller, boolean lockout) {
        long now = clock.getAsLong();
        if (generations.of(caller.username()) != caller.generation()) {
            return revoked();
        }
        if (caller.via() == Caller.Via.SESSION && !sessions.holds(caller.session(), now)) {
            return ApiError.invalidToken("session-ended", "The session has expired or was ended; log in again.");
        }
        if (caller.via() == Caller.Via.BACKEND_TOKEN && now >= caller.expiresAt() + BackendTokens.CLOCK_SKEW_MILLIS) {
            return ApiError.invalidToken("token-expired", "The token has expired.");
        }
        if (lockout && users.isDisabled(caller.username())) {
            return disabled();
        }
        return null;
    }

    /**
     * What an event stream asks before each event and heartbeat. Revocation and expiry are checked every time (they
     * cost a map lookup); whether the account is disabled at most every {@value #LOCKOUT_RECHECK_MILLIS} ms, since
     * Openfire may ask its database for that, and a lockout ends the streams at once through Openfire's lockout
     * event anyway; the periodic look catches lockouts that begin later than they were set.
     */
    SseStream.Guard guard(Caller caller) {
        long[] lockoutCheckedAt = {clock.getAsLong()};
        return () -> {
            long now = clock.getAsLong();
            boolean lockout;
            synchronized (lockoutCheckedAt) {
                lockout = now - lockoutCheckedAt[0] >= LOCKOUT_RECHECK_MILLIS;
                if (lockout) {
                    lockoutCheckedAt[0] = now;
                }
            }
            return recheck(caller, lockout);
        };
    }

    static final long LOCKOUT_RECHECK_MILLIS = 5_000;

    private void refuseDisabled(String username) {
        if (users.isDisabled(username)) {
            throw disabled();
        }
    }

    private static ApiError disabled() {
        return ApiError.forbidden("account-disabled", "This account is disabled (locked out) on the chat server.");
    }

    static ApiError revoked() {
        return ApiError.invalidToken("credentials-revoked", "Your password was changed, or your account was locked "
                + "or removed, so this sign-in has ended; sign in again.");
    }

    private static ApiError badCredentials() {
        // Unknown user and wrong password look the same, so logins cannot be used to find out who has an account.
        return ApiError.unauthorized("bad-credentials", "Wrong username or password.");
    }

    private static Credentials.Basic basic(String value) {
        ApiError malformed = ApiError.badRequest("malformed-request",
                "The Authorization header is not valid Basic credentials.");
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw malformed;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded)).toString();
        } catch (CharacterCodingException e) {
            throw malformed;
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw malformed;
        }
        return new Credentials.Basic(text.substring(0, colon), text.substring(colon + 1));
    }
}
