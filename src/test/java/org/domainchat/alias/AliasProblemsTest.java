package org.domainchat.alias;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.domainchat.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each of the book's problem sentences placed at the field it concerns, with a real book on a real database. */
class AliasProblemsTest {

    private static final Set<String> USERS = Set.of("alice", "bob");
    private TestDatabase db;
    private AliasBook book;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.create(TestDatabase.Kind.HSQLDB);
        Map<String, Set<String>> groups = Map.of("Support", Set.of("alice"));
        book = AliasBook.load(new AliasStore(db.connections()), g -> Optional.ofNullable(groups.get(g)),
                "example.com");
        book.save(new Alias("sales", "Sales", Set.of("alice"), null, true, Alias.Visibility.ALL, false),
                USERS::contains);
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
    }

    @Test
    void aValidAliasHasNoProblems() {
        assertEquals(List.of(), AliasProblems.of(book, new Alias("support", "Support", Set.of("bob"), "Support",
                true, Alias.Visibility.MEMBERS, false), USERS::contains));
    }

    @Test
    void everySentenceOfTheBookComesWithItsField() {
        Alias bad = new Alias("bob", " ", Set.of("sales", "zed"), "Nobody", true, Alias.Visibility.ALL, false);
        List<AliasProblems.Problem> problems = AliasProblems.of(book, bad, USERS::contains);
        assertEquals(book.problems(bad, USERS::contains), problems.stream().map(AliasProblems.Problem::message)
                .toList(), "the same sentences in the same order");
        assertEquals(List.of("name", "displayName", "members", "members", "group"),
                problems.stream().map(AliasProblems.Problem::field).toList());
    }

    @Test
    void aBadNameIsTheNamesProblemOnly() {
        List<AliasProblems.Problem> problems = AliasProblems.of(book, new Alias("-x-", "X", Set.of(), null, true,
                Alias.Visibility.ALL, false), USERS::contains);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("name", problems.get(0).field());
        assertTrue(problems.get(0).message().contains("letters, digits"));
    }

    @Test
    void aDisplayNameWithACharacterXmlForbidsIsRefusedWithItsPosition() {
        for (String bad : new String[]{"Sales\u0000", "Sa\u001Bles", "Sales\uFFFE", "S\uD800ales"}) {
            List<AliasProblems.Problem> problems = AliasProblems.of(book, new Alias("sales", bad, Set.of(), null,
                    true, Alias.Visibility.ALL, false), USERS::contains);
            assertEquals(1, problems.size(), problems.toString());
            assertEquals("displayName", problems.get(0).field());
            assertTrue(problems.get(0).message().contains("XML does not allow"), problems.get(0).message());
        }
        assertEquals(List.of(), AliasProblems.of(book, new Alias("sales", "Vertrieb 🚀 עברית", Set.of(), null, true,
                Alias.Visibility.ALL, false), USERS::contains), "emoji and RTL are fine");
    }
}
