package org.domainchat.alias;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.domainchat.db.ConnectionSource;

/** Aliases in Openfire's database ({@code dcAlias}, {@code dcAliasMember}; schema version 2). */
public final class AliasStore {

    private final ConnectionSource db;

    public AliasStore(ConnectionSource db) {
        this.db = db;
    }

    /** Every alias with its listed members, by name. */
    public List<Alias> all() throws SQLException {
        try (Connection c = db.getConnection()) {
            Map<String, Set<String>> members = new HashMap<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT aliasName, username FROM dcAliasMember")) {
                while (rs.next()) {
                    members.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2));
                }
            }
            Map<String, Alias> aliases = new LinkedHashMap<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT name, displayName, groupName, enabled, visibleTo, "
                         + "storeOffline FROM dcAlias ORDER BY name")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    aliases.put(name, row(rs, members.getOrDefault(name, Set.of())));
                }
            }
            return new ArrayList<>(aliases.values());
        }
    }

    public Optional<Alias> find(String name) throws SQLException {
        String key = AliasNames.normalise(name);
        try (Connection c = db.getConnection()) {
            Set<String> members = new TreeSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT username FROM dcAliasMember WHERE aliasName = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        members.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT name, displayName, groupName, enabled, visibleTo, "
                    + "storeOffline FROM dcAlias WHERE name = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs, members)) : Optional.empty();
                }
            }
        }
    }

    /** Creates the alias or replaces it (members included), in one transaction. */
    public void save(Alias alias) throws SQLException {
        String key = AliasNames.normalise(alias.name());
        try (Connection c = db.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                int updated;
                try (PreparedStatement ps = c.prepareStatement("UPDATE dcAlias SET displayName = ?, groupName = ?, "
                        + "enabled = ?, visibleTo = ?, storeOffline = ? WHERE name = ?")) {
                    bind(ps, alias, 1);
                    ps.setString(6, key);
                    updated = ps.executeUpdate();
                }
                if (updated == 0) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO dcAlias (displayName, groupName, "
                            + "enabled, visibleTo, storeOffline, name) VALUES (?,?,?,?,?,?)")) {
                        bind(ps, alias, 1);
                        ps.setString(6, key);
                        ps.executeUpdate();
                    }
                }
                deleteMembers(c, key);
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO dcAliasMember (aliasName, username) VALUES (?, ?)")) {
                    for (String member : new TreeSet<>(alias.members())) {
                        ps.setString(1, key);
                        ps.setString(2, member);
                        ps.addBatch();
                    }
                    if (!alias.members().isEmpty()) {
                        ps.executeBatch();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /** @return false when there was no such alias */
    public boolean delete(String name) throws SQLException {
        String key = AliasNames.normalise(name);
        try (Connection c = db.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                deleteMembers(c, key);
                int deleted;
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM dcAlias WHERE name = ?")) {
                    ps.setString(1, key);
                    deleted = ps.executeUpdate();
                }
                c.commit();
                return deleted > 0;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static void deleteMembers(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM dcAliasMember WHERE aliasName = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Alias alias, int first) throws SQLException {
        ps.setString(first, alias.displayName());
        if (alias.group() == null || alias.group().isBlank()) {
            ps.setNull(first + 1, Types.VARCHAR);
        } else {
            ps.setString(first + 1, alias.group());
        }
        ps.setInt(first + 2, alias.enabled() ? 1 : 0);
        ps.setString(first + 3, alias.visibility().name().toLowerCase(Locale.ROOT));
        ps.setInt(first + 4, alias.storeOffline() ? 1 : 0);
    }

    private static Alias row(ResultSet rs, Set<String> members) throws SQLException {
        Alias.Visibility visibility = "members".equals(rs.getString(5)) ? Alias.Visibility.MEMBERS
                : Alias.Visibility.ALL;
        return new Alias(rs.getString(1), rs.getString(2), members, rs.getString(3), rs.getInt(4) == 1, visibility,
                rs.getInt(6) == 1);
    }
}
