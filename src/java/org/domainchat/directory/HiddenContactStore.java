package org.domainchat.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.domainchat.db.ConnectionSource;

/**
 * {@link HiddenContacts} in table {@code dcHiddenContact} (schema version 5): one row per user and contact they
 * removed from their contact list. Plain SQL that every supported database runs; adding a row that exists already
 * counts as done.
 */
public final class HiddenContactStore implements HiddenContacts.Store {

    private final ConnectionSource db;

    public HiddenContactStore(ConnectionSource db) {
        this.db = db;
    }

    @Override
    public Map<String, Set<String>> loadAll() throws SQLException {
        Map<String, Set<String>> out = new HashMap<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT username, contact FROM dcHiddenContact");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), u -> new HashSet<>()).add(rs.getString(2));
            }
        }
        return out;
    }

    @Override
    public void add(String username, String contact) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO dcHiddenContact (username, contact, hiddenAt) "
                     + "VALUES (?, ?, ?)")) {
            ps.setString(1, username);
            ps.setString(2, contact);
            ps.setLong(3, System.currentTimeMillis());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!(e instanceof SQLIntegrityConstraintViolationException
                    || (e.getSQLState() != null && e.getSQLState().startsWith("23")))) {
                throw e; // a duplicate key means another request stored the same row first
            }
        }
    }

    @Override
    public void remove(String username, String contact) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM dcHiddenContact WHERE username = ? "
                     + "AND contact = ?")) {
            ps.setString(1, username);
            ps.setString(2, contact);
            ps.executeUpdate();
        }
    }

    @Override
    public void forget(String username) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM dcHiddenContact WHERE username = ? "
                     + "OR contact = ?")) {
            ps.setString(1, username);
            ps.setString(2, username);
            ps.executeUpdate();
        }
    }
}
