package org.domainchat.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.domainchat.db.ConnectionSource;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty domainchat schema on a real database: HSQLDB in memory (always available), or a throw-away schema
 * on the PostgreSQL / MariaDB servers on 127.0.0.1. When those are unreachable the test is skipped with a message
 * that says so, except under CI ({@code CI=true}), where it fails.
 */
public final class TestDatabase implements AutoCloseable {

    public enum Kind { HSQLDB, POSTGRESQL, MARIADB }

    private final Kind kind;
    private final String url;
    private final String user;
    private final String name;

    private TestDatabase(Kind kind, String url, String user, String name) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.name = name;
    }

    public static TestDatabase create(Kind kind) throws Exception {
        String name = "dc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        TestDatabase db = switch (kind) {
            case HSQLDB -> new TestDatabase(kind, "jdbc:hsqldb:mem:" + name, "SA", name);
            case POSTGRESQL -> {
                String admin = "jdbc:postgresql://127.0.0.1:5432/test";
                try (Connection c = reach(kind, admin, "postgres"); Statement st = c.createStatement()) {
                    st.execute("CREATE SCHEMA " + name);
                }
                yield new TestDatabase(kind, admin + "?currentSchema=" + name, "postgres", name);
            }
            case MARIADB -> {
                String admin = "jdbc:mariadb://127.0.0.1:3306/test";
                try (Connection c = reach(kind, admin, "root"); Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
                }
                yield new TestDatabase(kind, "jdbc:mariadb://127.0.0.1:3306/" + name, "root", name);
            }
        };
        try (Connection c = db.connections().getConnection()) {
            OpenfireSchemaRunner.install(c, kind.name().toLowerCase());
        }
        return db;
    }

    public ConnectionSource connections() {
        return () -> DriverManager.getConnection(url, user, "");
    }

    public Kind kind() {
        return kind;
    }

    private static Connection reach(Kind kind, String url, String user) {
        try {
            return DriverManager.getConnection(url, user, "");
        } catch (SQLException e) {
            String why = kind + " is not reachable at " + url + " (" + e.getMessage() + ")";
            if (Boolean.parseBoolean(System.getProperty("domainchat.ci", System.getenv("CI")))) {
                throw new AssertionError(why + ": required under CI", e);
            }
            System.err.println("SKIPPED: " + why);
            Assumptions.abort(why + "; skipped");
            throw new IllegalStateException("unreachable");
        }
    }

    @Override
    public void close() throws SQLException {
        switch (kind) {
            case HSQLDB -> {
                try (Connection c = connections().getConnection(); Statement st = c.createStatement()) {
                    st.execute("SHUTDOWN");
                }
            }
            case POSTGRESQL -> {
                try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", user, "");
                     Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA " + name + " CASCADE");
                }
            }
            case MARIADB -> {
                try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", user, "");
                     Statement st = c.createStatement()) {
                    st.execute("DROP DATABASE " + name);
                }
            }
        }
    }
}
