package org.domainchat.alias;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.domainchat.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The alias book over a real database: validation, group-backed members, change events, versions. */
class AliasBookTest {

    private static final Set<String> USERS = Set.of("alice", "bob", "carol", "dave");
    private final Map<String, Set<String>> groups = new HashMap<>(Map.of("Support", Set.of("carol", "dave")));
    private TestDatabase db;
    private AliasBook book;
    private final List<AliasBook.Change> changes = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.create(TestDatabase.Kind.HSQLDB);
        book = AliasBook.load(new AliasStore(db.connections()), g -> Optional.ofNullable(groups.get(g)),
                "example.com");
        book.addListener(changes::add);
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
    }

    private static Alias alias(String name, Set<String> members, String group, Alias.Visibility visibility) {
        return new Alias(name, "The " + name, members, group, true, visibility, false);
    }

    @Test
    void badAliasesAreRefusedWithEverySentenceAndNothingIsStored() throws Exception {
        book.save(alias("sales", Set.of("alice"), null, Alias.Visibility.ALL), USERS::contains);
        AliasBook.InvalidAlias invalid = assertThrows(AliasBook.InvalidAlias.class, () -> book.save(
                new Alias("bob", " ", Set.of("sales", "zed", "alice"), "Nobody", true, Alias.Visibility.ALL, false),
                USERS::contains));
        List<String> problems = invalid.problems();
        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("already a user called \"bob\""), problems.get(0));
        assertTrue(problems.get(1).contains("display name"));
        assertTrue(problems.get(2).contains("cannot contain aliases"));
        assertTrue(problems.get(3).contains("no user called zed"));
        assertTrue(problems.get(4).contains("no group called \"Nobody\""));
        assertEquals(List.of("sales"), List.copyOf(book.view().byName().keySet()));
        assertThrows(AliasBook.InvalidAlias.class, () -> book.save(alias("Bad Name!", Set.of(), null,
                Alias.Visibility.ALL), USERS::contains));
    }

    @Test
    void membersAreListedUsersPlusTheGroupAndFollowTheGroup() throws Exception {
        book.save(alias("Support", Set.of("alice"), "Support", Alias.Visibility.MEMBERS), USERS::contains);
        AliasBook.Entry support = book.view().entry("support").orElseThrow();
        assertEquals(Set.of("alice", "carol", "dave"), support.members());
        assertTrue(book.isMember("support@example.com", "carol@example.com"));
        assertFalse(book.isMember("support@example.com", "bob@example.com"));
        assertEquals(Set.of("support@example.com"), book.aliasesOf("dave@example.com"));
        assertTrue(support.isVisibleTo("carol"));
        assertFalse(support.isVisibleTo("bob"), "members-only");
        String before = book.view().version();

        changes.clear();
        groups.put("Support", Set.of("carol", "bob"));
        book.groupsChanged();
        assertEquals(1, changes.size());
        assertEquals(Set.of("alice", "bob", "carol"), book.view().entry("support").orElseThrow().members());
        assertNotEquals(before, book.view().version(), "who sees a members-only alias changed");

        changes.clear();
        book.groupsChanged();
        assertEquals(List.of(), changes, "nothing changed, nothing told");
    }

    @Test
    void aReloadedBookIsTheSameAndDeletingTellsTheListeners() throws Exception {
        book.save(alias("sales", Set.of("alice", "bob"), null, Alias.Visibility.ALL), USERS::contains);
        AliasBook again = AliasBook.load(new AliasStore(db.connections()), g -> Optional.empty(), "example.com");
        assertEquals(book.view().version(), again.view().version(), "versions survive restarts");
        assertTrue(again.isAlias("sales@example.com"));
        assertFalse(again.isAlias("sales@other.org"));
        assertFalse(again.isAlias("sales@example.com/x"));

        changes.clear();
        assertTrue(book.delete("SALES"));
        assertFalse(book.delete("sales"));
        assertEquals(1, changes.size());
        assertTrue(changes.get(0).before().entry("sales").isPresent());
        assertTrue(changes.get(0).after().entry("sales").isEmpty());
    }
}
