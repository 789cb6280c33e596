package org.domainchat.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jivesoftware.openfire.event.UserEventDispatcher;
import org.jivesoftware.openfire.lockout.LockOutEventDispatcher;
import org.jivesoftware.openfire.lockout.LockOutFlag;
import org.jivesoftware.openfire.user.User;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

/** Which of Openfire 5.1.1's account events end a user's webmail sign-ins, and that listening stops on close. */
class WebmailAccountEventsTest {

    private static User user(String name) {
        User u = mock(User.class);
        when(u.getUsername()).thenReturn(name);
        return u;
    }

    @Test
    void passwordChangesLockoutsAndDeletionsRevokeAndNothingElseDoes() {
        List<String> revoked = new CopyOnWriteArrayList<>();
        try (MockedStatic<UserEventDispatcher> userEvents = mockStatic(UserEventDispatcher.class);
             MockedStatic<LockOutEventDispatcher> lockOutEvents = mockStatic(LockOutEventDispatcher.class)) {
            WebmailAccountEvents events = WebmailAccountEvents.attach(revoked::add);
            userEvents.verify(() -> UserEventDispatcher.addListener(events));
            lockOutEvents.verify(() -> LockOutEventDispatcher.addListener(events));

            // What Openfire 5.1.1's User.setPassword, setName and setEmail fire.
            events.userModified(user("alice"), Map.of("type", "passwordModified"));
            events.userModified(user("bob"), Map.of("type", "nameModified", "originalValue", "Bob"));
            events.userModified(user("bob"), Map.of("type", "emailModified"));
            events.userCreated(user("carol"), Map.of());
            events.userDeleting(user("dave"), Map.of());
            LockOutFlag flag = mock(LockOutFlag.class);
            when(flag.getUsername()).thenReturn("erin");
            events.accountLocked(flag);
            events.accountUnlocked("frank");
            events.lockedAccountDenied("frank");
            assertEquals(List.of("alice", "dave", "erin"), revoked);

            events.close();
            userEvents.verify(() -> UserEventDispatcher.removeListener(events));
            lockOutEvents.verify(() -> LockOutEventDispatcher.removeListener(events));
        }
    }
}
