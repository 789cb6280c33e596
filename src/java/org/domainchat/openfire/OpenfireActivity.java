package org.domainchat.openfire;

import org.domainchat.colleagues.Activity;
import org.jivesoftware.openfire.PresenceManager;
import org.jivesoftware.openfire.SessionManager;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.openfire.user.UserNotFoundException;

/** {@link Activity} from Openfire's session and presence managers, as its own last activity handler reads it. */
final class OpenfireActivity implements Activity {

    private final SessionManager sessions;
    private final PresenceManager presences;
    private final UserManager users;

    OpenfireActivity(SessionManager sessions, PresenceManager presences, UserManager users) {
        this.sessions = sessions;
        this.presences = presences;
        this.users = users;
    }

    @Override
    public boolean hasSessions(String username) {
        return !sessions.getSessions(username).isEmpty();
    }

    @Override
    public long millisSinceLastActivity(String username) {
        try {
            return presences.getLastActivity(users.getUser(username));
        } catch (UserNotFoundException e) {
            return -1;
        }
    }

    @Override
    public String lastStatus(String username) {
        try {
            return presences.getLastPresenceStatus(users.getUser(username));
        } catch (UserNotFoundException e) {
            return null;
        }
    }
}
