package org.domainchat.mam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.domainchat.testing.OpenfireSchemaRunner;
import org.domainchat.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Schema 6 (the sender and recipient indexes archive queries read) installs and upgrades on every database. */
class MamSchemaTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theUpgradeToSixAddsTheIndexesAFreshInstallHas(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind); Connection c = db.connections().getConnection();
             Statement st = c.createStatement()) {
            assertTrue(indexes(c).containsAll(Set.of("dcmessage_from_idx", "dcmessage_to_idx")), "" + indexes(c));
            // back to version 5, then upgraded as Openfire does
            boolean mysql = kind == TestDatabase.Kind.MARIADB;
            st.execute(mysql ? "DROP INDEX dcMessage_from_idx ON dcMessage" : "DROP INDEX dcMessage_from_idx");
            st.execute(mysql ? "DROP INDEX dcMessage_to_idx ON dcMessage" : "DROP INDEX dcMessage_to_idx");
            st.execute("UPDATE ofVersion SET version = 5 WHERE name = 'domainchat'");
            OpenfireSchemaRunner.run(c, "database/upgrade/6/domainchat_" + kind.name().toLowerCase() + ".sql");
            assertTrue(indexes(c).containsAll(Set.of("dcmessage_from_idx", "dcmessage_to_idx")), "" + indexes(c));
            try (ResultSet rs = st.executeQuery("SELECT version FROM ofVersion WHERE name = 'domainchat'")) {
                rs.next();
                assertEquals(6, rs.getInt(1));
            }
        }
    }

    private static Set<String> indexes(Connection c) throws Exception {
        Set<String> names = new HashSet<>();
        DatabaseMetaData meta = c.getMetaData();
        for (String table : new String[] {"dcMessage", "DCMESSAGE", "dcmessage"}) {
            try (ResultSet rs = meta.getIndexInfo(c.getCatalog(), null, table, false, false)) {
                while (rs.next()) {
                    if (rs.getString("INDEX_NAME") != null) {
                        names.add(rs.getString("INDEX_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return names;
    }
}
