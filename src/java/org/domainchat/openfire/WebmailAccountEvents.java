package org.domainchat.openfire;

import java.util.Map;
import java.util.function.Consumer;

import org.jivesoftware.openfire.event.UserEventDispatcher;
import org.jivesoftware.openfire.event.UserEventListener;
import org.jivesoftware.openfire.lockout.LockOutEventDispatcher;
import org.jivesoftware.openfire.lockout.LockOutEventListener;
import org.jivesoftware.openfire.lockout.LockOutFlag;
import org.jivesoftware.openfire.user.User;

/**
 * Openfire's account events that must end a user's webmail sign-ins at once: a password change (5.1.1's
 * {@code User.setPassword} fires {@code user_modified} with {@code "type" = "passwordModified"}), a lockout
 * ({@code LockOutEventDispatcher.accountLocked}, fired when an admin or the lockout rules disable the account) and the
 * account's deletion ({@code user_deleting}). Revoking only touches maps and queues a last event per stream, so it
 * runs on the thread that made the change.
 */
final class WebmailAccountEvents implements UserEventListener, LockOutEventListener, AutoCloseable {

    /** The {@code type} parameter of {@code user_modified} that Openfire 5.1.1 sends for a new password. */
    static final String PASSWORD_MODIFIED = "passwordModified";

    private final Consumer<String> revoke;

    private WebmailAccountEvents(Consumer<String> revoke) {
        this.revoke = revoke;
    }

    /** Listens from now on; {@link #close()} stops listening. */
    static WebmailAccountEvents attach(Consumer<String> revoke) {
        WebmailAccountEvents events = new WebmailAccountEvents(revoke);
        UserEventDispatcher.addListener(events);
        try {
            LockOutEventDispatcher.addListener(events);
        } catch (RuntimeException | LinkageError e) {
            UserEventDispatcher.removeListener(events);
            throw e;
        }
        return events;
    }

    @Override
    public void userCreated(User user, Map<String, Object> params) {
        // a new account holds nothing yet
    }

    @Override
    public void userDeleting(User user, Map<String, Object> params) {
        revoke.accept(user.getUsername());
    }

    @Override
    public void userModified(User user, Map<String, Object> params) {
        if (params != null && PASSWORD_MODIFIED.equals(params.get("type"))) {
            revoke.accept(user.getUsername());
        }
    }

    @Override
    public void accountLocked(LockOutFlag flag) {
        revoke.accept(flag.getUsername());
    }

    @Override
    public void accountUnlocked(String username) {
        // nothing was kept to give back: the user signs in again
    }

    @Override
    public void lockedAccountDenied(String username) {
        // a refused login of a locked account: nothing of ours is open
    }

    @Override
    public void close() {
        LockOutEventDispatcher.removeListener(this);
        UserEventDispatcher.removeListener(this);
    }
}
