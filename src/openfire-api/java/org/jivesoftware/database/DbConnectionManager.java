// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.database;

public class DbConnectionManager {
    public static java.sql.Connection getConnection() throws java.sql.SQLException { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public static DatabaseType getDatabaseType() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public enum DatabaseType {
        oracle, postgresql, cockroachdb, mysql, mariadb, hsqldb, db2, firebird, sqlserver, interbase, unknown
    }
}
