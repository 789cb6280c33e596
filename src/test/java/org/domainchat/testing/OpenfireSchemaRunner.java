package org.domainchat.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a plugin schema script the way Openfire 5.1.1's SchemaManager does: whole-line comments (--, //, #, REM,
 * /*, *) and blank lines are skipped, lines are joined with spaces until one ends in ';', a last statement without
 * ';' is never run, and Oracle/DB2 statements lose their trailing ';'. Testing our scripts through the same rules
 * catches what Openfire would only log as a warning.
 */
public final class OpenfireSchemaRunner {

    private OpenfireSchemaRunner() {
    }

    public static List<String> statements(String resource, boolean stripSemicolon) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = OpenfireSchemaRunner.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            StringBuilder command = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null) {
                String t = line.trim();
                if (t.isEmpty() || t.startsWith("//") || t.startsWith("--") || t.startsWith("#") || t.startsWith("REM")
                        || t.startsWith("/*") || t.startsWith("*")) {
                    continue;
                }
                command.append(' ').append(line);
                if (t.endsWith(";")) {
                    String sql = command.toString().trim();
                    out.add(stripSemicolon ? sql.substring(0, sql.length() - 1) : sql);
                    command.setLength(0);
                }
            }
        }
        return out;
    }

    /** Runs every statement of a script resource, as Openfire would. */
    public static void run(Connection c, String resource) throws IOException, SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : statements(resource, false)) {
                st.execute(sql);
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /** Creates Openfire's {@code ofVersion} table (when missing) and runs the install script for {@code dbType}. */
    public static void install(Connection c, String dbType) throws IOException, SQLException {
        try (Statement st = c.createStatement()) {
            try {
                st.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL, "
                        + "CONSTRAINT ofVersion_pk PRIMARY KEY (name))");
            } catch (SQLException exists) {
                // created by an earlier test in the same database
            }
            // PostgreSQL and MariaDB accept the trailing ';' just as Openfire sends it.
            for (String sql : statements("database/domainchat_" + dbType + ".sql", false)) {
                st.execute(sql);
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }
}
