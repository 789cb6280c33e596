package org.domainchat.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.domainchat.webmail.live.StatusMemory.Chosen;
import org.domainchat.webmail.live.WebmailStatus;
import org.jivesoftware.openfire.user.User;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.openfire.user.UserNotFoundException;
import org.junit.jupiter.api.Test;

/** The chosen webmail status lives in the user's Openfire properties; Openfire's user manager is mocked. */
class OpenfireStatusMemoryTest {

    /** Stands in for Openfire's property map, where each put is a database write and an event. */
    private static final class Properties extends HashMap<String, String> {
        int writes;

        @Override
        public String put(String key, String value) {
            writes++;
            return super.put(key, value);
        }

        @Override
        public String remove(Object key) {
            writes++;
            return super.remove(key);
        }
    }

    private final Properties properties = new Properties();
    private final UserManager users = mock(UserManager.class);
    private final OpenfireStatusMemory memory = new OpenfireStatusMemory(users);

    OpenfireStatusMemoryTest() throws Exception {
        User alice = mock(User.class);
        when(alice.getProperties()).thenReturn(properties);
        when(users.getUser("alice")).thenReturn(alice);
        when(users.getUser("nobody")).thenThrow(new UserNotFoundException("nobody"));
        User broken = mock(User.class);
        when(broken.getProperties()).thenThrow(new IllegalStateException("database down"));
        when(users.getUser("broken")).thenReturn(broken);
    }

    @Test
    void aChoiceIsRememberedInTheUsersProperties() {
        assertEquals(Optional.empty(), memory.recall("alice"), "never chose");
        memory.remember("alice", new Chosen(WebmailStatus.BUSY, "in a meeting"));
        assertEquals(Map.of(OpenfireStatusMemory.STATUS, "busy", OpenfireStatusMemory.TEXT, "in a meeting"),
                properties);
        assertEquals(Optional.of(new Chosen(WebmailStatus.BUSY, "in a meeting")), memory.recall("alice"));

        memory.remember("alice", new Chosen(WebmailStatus.OFFLINE, ""));
        assertEquals(Map.of(OpenfireStatusMemory.STATUS, "offline"), properties, "no text, no property");
        assertEquals(Optional.of(new Chosen(WebmailStatus.OFFLINE, "")), memory.recall("alice"));
    }

    @Test
    void unchangedValuesAreNotWrittenAgain() {
        memory.remember("alice", new Chosen(WebmailStatus.AWAY, "lunch"));
        int writes = properties.writes;
        memory.remember("alice", new Chosen(WebmailStatus.AWAY, "lunch"));
        assertEquals(writes, properties.writes);
        memory.remember("alice", new Chosen(WebmailStatus.AWAY, "back at two"));
        assertEquals(writes + 1, properties.writes);
    }

    @Test
    void longTextsAreCutToWholeCharactersThatFitEveryDatabase() {
        memory.remember("alice", new Chosen(WebmailStatus.AVAILABLE, "x".repeat(5000)));
        assertEquals(1024, properties.get(OpenfireStatusMemory.TEXT).length());

        String emoji = "\uD83D\uDE00"; // 2 chars, 4 UTF-8 bytes
        memory.remember("alice", new Chosen(WebmailStatus.AVAILABLE, "a" + emoji.repeat(600)));
        String stored = properties.get(OpenfireStatusMemory.TEXT);
        assertTrue(stored.getBytes(StandardCharsets.UTF_8).length <= 1024, "Oracle's VARCHAR2(1024) counts bytes");
        assertEquals("a" + emoji.repeat(255), stored);
        assertFalse(Character.isHighSurrogate(stored.charAt(stored.length() - 1)));
        assertEquals("short", OpenfireStatusMemory.capped("short"));
    }

    @Test
    void unknownUsersFailuresAndStrangeValuesRecallNothing() {
        memory.remember("nobody", new Chosen(WebmailStatus.AWAY, ""));
        assertEquals(Optional.empty(), memory.recall("nobody"));
        memory.remember("broken", new Chosen(WebmailStatus.AWAY, ""));
        assertEquals(Optional.empty(), memory.recall("broken"));
        properties.put(OpenfireStatusMemory.STATUS, "sleeping");
        assertEquals(Optional.empty(), memory.recall("alice"));
    }
}
