package org.domainchat.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;

import org.domainchat.testing.MemoryHiddenStore;
import org.domainchat.testing.OpenfireSchemaRunner;
import org.domainchat.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contacts users removed from their rosters, stored on every database we test against; the upgrade of a
 * version-4 schema to version 5; and that a removal counts only once it is stored.
 */
class HiddenContactStoreTest {

    private TestDatabase db;

    @AfterEach
    void stop() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void removalsSurviveARestartAndADeletedAccountLeavesNoTrace(TestDatabase.Kind kind) throws Exception {
        db = TestDatabase.create(kind);
        HiddenContactStore store = new HiddenContactStore(db.connections());
        HiddenContacts hidden = HiddenContacts.load(store);
        String longest = "u".repeat(64); // the longest username and alias name fit the key
        assertTrue(hidden.hide("alice", "bob"));
        assertFalse(hidden.hide("alice", "bob"), "already removed");
        hidden.hide("alice", longest);
        hidden.hide("carol", "bob");
        hidden.hide("bob", "sales");
        store.add("alice", "bob"); // a second writer that lost the race: counts as done

        HiddenContacts reloaded = HiddenContacts.load(store);
        assertEquals(Set.of("bob", longest), reloaded.of("alice"));
        assertTrue(reloaded.show("alice", longest));
        assertFalse(reloaded.show("alice", longest), "not removed any more");

        reloaded.accountDeleted("bob");
        assertEquals(Map.of(), store.loadAll(), "bob's own removals and every removal of bob are gone");
        assertEquals(Set.of(), reloaded.of("alice"));
        assertEquals(Set.of(), reloaded.of("carol"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theUpgradeScriptTakesAVersionFourArchiveToVersionFive(TestDatabase.Kind kind) throws Exception {
        db = TestDatabase.create(kind);
        try (Connection c = db.connections().getConnection(); Statement st = c.createStatement()) {
            // turn the fresh version-5 schema back into what version 4 was
            st.execute("DROP TABLE dcHiddenContact");
            st.execute("UPDATE ofVersion SET version = 4 WHERE name = 'domainchat'");
            OpenfireSchemaRunner.run(c, "database/upgrade/5/domainchat_" + kind.name().toLowerCase() + ".sql");
            try (ResultSet rs = st.executeQuery("SELECT version FROM ofVersion WHERE name = 'domainchat'")) {
                rs.next();
                assertEquals(5, rs.getInt(1));
            }
        }
        HiddenContactStore store = new HiddenContactStore(db.connections());
        store.add("a".repeat(64), "b".repeat(64));
        assertEquals(Map.of("a".repeat(64), Set.of("b".repeat(64))), store.loadAll());
    }

    @Test
    void aRemovalThatCannotBeStoredDoesNotCount() throws Exception {
        MemoryHiddenStore store = new MemoryHiddenStore();
        HiddenContacts hidden = HiddenContacts.empty(store);
        hidden.hide("alice", "bob");
        store.failing(true);
        assertThrows(SQLException.class, () -> hidden.hide("alice", "carol"));
        assertThrows(SQLException.class, () -> hidden.show("alice", "bob"));
        assertEquals(Set.of("bob"), hidden.of("alice"), "memory follows only what was stored");
    }
}
