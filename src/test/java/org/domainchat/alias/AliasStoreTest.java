package org.domainchat.alias;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import org.domainchat.testing.OpenfireSchemaRunner;
import org.domainchat.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Alias storage on every database we test against, and the upgrade of a version-1 archive to version 2. */
class AliasStoreTest {

    private static final Alias SALES = new Alias("salesteam", "Sales Team – Köln", Set.of("anna", "ben"), null, true,
            Alias.Visibility.ALL, false);

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void createsFindsReplacesListsAndDeletes(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            AliasStore store = new AliasStore(db.connections());
            assertTrue(store.all().isEmpty());
            store.save(SALES);
            store.save(new Alias("board", "Board", Set.of("cem"), "Management", true, Alias.Visibility.MEMBERS,
                    true));
            assertEquals(SALES, store.find("SalesTeam").orElseThrow(), "names are case-insensitive");

            Alias replaced = new Alias("salesteam", "Sales", Set.of("ben", "dora"), "Sales-LDAP", false,
                    Alias.Visibility.MEMBERS, true);
            store.save(replaced);
            assertEquals(replaced, store.find("salesteam").orElseThrow(), "members and settings replaced");
            assertEquals(List.of("board", "salesteam"), store.all().stream().map(Alias::name).toList());
            assertEquals(Set.of("cem"), store.all().get(0).members());
            assertEquals("Management", store.all().get(0).group());

            assertTrue(store.delete("salesteam"));
            assertFalse(store.delete("salesteam"));
            assertTrue(store.find("salesteam").isEmpty());
            assertEquals(1, store.all().size());
            try (Connection c = db.connections().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM dcAliasMember WHERE aliasName = 'salesteam'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "no members left behind");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theUpgradeScriptTakesAVersionOneArchiveToVersionTwo(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind); Connection c = db.connections().getConnection();
             Statement st = c.createStatement()) {
            // turn the fresh version-2 schema back into what version 1 was
            st.execute("DROP TABLE dcAliasMember");
            st.execute("DROP TABLE dcAlias");
            st.execute("UPDATE ofVersion SET version = 1 WHERE name = 'domainchat'");
            OpenfireSchemaRunner.run(c, "database/upgrade/2/domainchat_" + kind.name().toLowerCase() + ".sql");
            try (ResultSet rs = st.executeQuery("SELECT version FROM ofVersion WHERE name = 'domainchat'")) {
                rs.next();
                assertEquals(2, rs.getInt(1));
            }
            AliasStore store = new AliasStore(db.connections());
            store.save(SALES);
            assertEquals(SALES, store.find("salesteam").orElseThrow());
        }
    }
}
