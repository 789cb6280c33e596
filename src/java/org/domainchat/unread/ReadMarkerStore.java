package org.domainchat.unread;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import org.domainchat.db.ConnectionSource;

/**
 * The read state of webmail users in tables {@code dcReadMarker} (per user and peer: the archive id read up to) and
 * {@code dcReadFloor} (per user: below this id nothing is unread), schema version 4. Plain SQL for every database we
 * support; no upsert syntax, because each dialect spells it differently: writes try an update, then an insert, and
 * treat a duplicate key on the insert as another request having been quicker.
 */
public final class ReadMarkerStore {

    private final ConnectionSource db;

    public ReadMarkerStore(ConnectionSource db) {
        this.db = db;
    }

    Connection connect() throws SQLException {
        return db.getConnection();
    }

    /** The user's floor, or empty when their read state was never touched. */
    OptionalLong floor(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT floorId FROM dcReadFloor WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** The user's floor; {@code candidate} becomes it when they have none yet (the first one stored wins). */
    long floorOrCreate(Connection c, String username, long candidate) throws SQLException {
        OptionalLong existing = floor(c, username);
        if (existing.isPresent()) {
            return existing.getAsLong();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dcReadFloor (username, floorId) VALUES (?, ?)")) {
            ps.setString(1, username);
            ps.setLong(2, candidate);
            ps.executeUpdate();
            return candidate;
        } catch (SQLException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            return floor(c, username).orElseThrow(() -> e); // a parallel first request stored its floor first
        }
    }

    /** Every marker of the user, by peer. */
    Map<String, Long> markers(Connection c, String username) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT peer, lastRead FROM dcReadMarker WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** What {@link #advance} did: the marker afterwards, and whether this call moved it. */
    record Advanced(long lastRead, boolean moved) {
    }

    /**
     * Moves the user's marker for {@code peer} forward to {@code upTo}; never back, so that two tabs marking in the
     * opposite order of their requests still end at the later point.
     */
    Advanced advance(Connection c, String username, String peer, long upTo) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE dcReadMarker SET lastRead = ? "
                    + "WHERE username = ? AND peer = ? AND lastRead < ?")) {
                ps.setLong(1, upTo);
                ps.setString(2, username);
                ps.setString(3, peer);
                ps.setLong(4, upTo);
                if (ps.executeUpdate() > 0) {
                    return new Advanced(upTo, true);
                }
            }
            OptionalLong current = marker(c, username, peer);
            if (current.isPresent()) {
                return new Advanced(current.getAsLong(), false); // already at or past upTo
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dcReadMarker (username, peer, lastRead) "
                    + "VALUES (?, ?, ?)")) {
                ps.setString(1, username);
                ps.setString(2, peer);
                ps.setLong(3, upTo);
                ps.executeUpdate();
                return new Advanced(upTo, true);
            } catch (SQLException e) {
                if (!isDuplicateKey(e) || attempt > 0) {
                    throw e;
                }
                // a parallel request inserted the row between our select and insert: update that row instead
            }
        }
    }

    OptionalLong marker(Connection c, String username, String peer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT lastRead FROM dcReadMarker WHERE username = ? "
                + "AND peer = ?")) {
            ps.setString(1, username);
            ps.setString(2, peer);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** Removes a user's whole read state (their account was deleted); a new account of that name starts afresh. */
    public void forget(String username) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement markers = c.prepareStatement("DELETE FROM dcReadMarker WHERE username = ?");
             PreparedStatement floor = c.prepareStatement("DELETE FROM dcReadFloor WHERE username = ?")) {
            markers.setString(1, username);
            markers.executeUpdate();
            floor.setString(1, username);
            floor.executeUpdate();
        }
    }

    /** SQLSTATE class 23 is an integrity constraint violation on every database we support. */
    private static boolean isDuplicateKey(SQLException e) {
        return e instanceof SQLIntegrityConstraintViolationException
                || (e.getSQLState() != null && e.getSQLState().startsWith("23"));
    }
}
