package org.domainchat.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Where connections come from: Openfire's pool in production, a plain JDBC URL in tests. Callers close them. */
@FunctionalInterface
public interface ConnectionSource {
    Connection getConnection() throws SQLException;
}
