package org.domainchat.mam;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.domainchat.archive.ArchiveRows;
import org.domainchat.db.ConnectionSource;

/**
 * Reads pages of one archive ({@link ArchiveScope}) from {@code dcMessage}, the archive's truth. Pages are cut by
 * archive id, which grows in archive order and is never reused, so a client paging by id neither misses nor repeats
 * a message while new ones arrive. Each branch of the scope is one index range read with a row limit (portable
 * SQL, no dialect's LIMIT); the branches are disjoint and merged here.
 */
final class MamReader {

    private static final String COLUMNS = ArchiveRows.MESSAGE_COLUMNS + ", stanza";

    private final ConnectionSource db;

    MamReader(ConnectionSource db) {
        this.db = db;
    }

    /**
     * The page {@code query} asks for.
     *
     * @param only when not null, only these archive ids can match (the {@code ids} field, full-text matches)
     */
    MamPage page(ArchiveScope scope, MamQuery query, Collection<Long> only) throws SQLException {
        boolean backward = query.backward();
        int skip = !backward && query.index() != null ? query.index() : 0;
        int want = skip + query.max() + 1;
        Filter filter = Filter.of(query, only);
        List<StoredMessage> rows = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            if (only == null || !only.isEmpty()) {
                for (ArchiveScope.Branch branch : scope.branches()) {
                    read(c, branch, filter, query.after(), query.before(), backward, want, rows);
                }
            }
            Comparator<StoredMessage> order = Comparator.comparingLong(StoredMessage::id);
            rows.sort(backward ? order.reversed() : order);
            boolean more = rows.size() > skip + query.max();
            List<StoredMessage> page = new ArrayList<>(rows.subList(Math.min(skip, rows.size()),
                    Math.min(rows.size(), skip + query.max())));
            if (backward) {
                java.util.Collections.reverse(page);
            }
            long[] counted = count(c, scope, filter, only, page.isEmpty() ? null : page.get(0).id());
            return new MamPage(page, !more, counted[0], page.isEmpty() ? -1 : counted[1]);
        }
    }

    /** The archive ids among {@code ids} that are not in the archive (so must be answered item-not-found). */
    Set<Long> missing(ArchiveScope scope, Collection<Long> ids) throws SQLException {
        Set<Long> missing = new HashSet<>(ids);
        if (ids.isEmpty()) {
            return missing;
        }
        Filter filter = new Filter(null, null, null, null, List.copyOf(new HashSet<>(ids)));
        try (Connection c = db.getConnection()) {
            for (ArchiveScope.Branch branch : scope.branches()) {
                StringBuilder sql = new StringBuilder("SELECT messageId FROM dcMessage WHERE (")
                        .append(branch.where()).append(')');
                List<Object> params = new ArrayList<>(branch.params());
                filter.append(sql, params);
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    bind(ps, params);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            missing.remove(rs.getLong(1));
                        }
                    }
                }
            }
        }
        return missing;
    }

    /** The oldest and the newest message of the archive, or empty when it has none. */
    Optional<StoredMessage[]> ends(ArchiveScope scope) throws SQLException {
        List<StoredMessage> oldest = new ArrayList<>();
        List<StoredMessage> newest = new ArrayList<>();
        Filter none = new Filter(null, null, null, null, null);
        try (Connection c = db.getConnection()) {
            for (ArchiveScope.Branch branch : scope.branches()) {
                read(c, branch, none, null, null, false, 1, oldest);
                read(c, branch, none, null, null, true, 1, newest);
            }
        }
        if (oldest.isEmpty()) {
            return Optional.empty();
        }
        Comparator<StoredMessage> byId = Comparator.comparingLong(StoredMessage::id);
        return Optional.of(new StoredMessage[] {oldest.stream().min(byId).orElseThrow(),
                newest.stream().max(byId).orElseThrow()});
    }

    private static void read(Connection c, ArchiveScope.Branch branch, Filter filter, Long after, Long before,
                             boolean backward, int limit, List<StoredMessage> out) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM dcMessage WHERE (")
                .append(branch.where()).append(')');
        List<Object> params = new ArrayList<>(branch.params());
        filter.append(sql, params);
        if (after != null) {
            sql.append(" AND messageId > ?");
            params.add(after);
        }
        if (before != null) {
            sql.append(" AND messageId < ?");
            params.add(before);
        }
        sql.append(backward ? " ORDER BY messageId DESC" : " ORDER BY messageId");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setMaxRows(limit);
            ps.setFetchSize(Math.min(limit, 300));
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredMessage(ArchiveRows.message(rs), rs.getString(14)));
                }
            }
        }
    }

    /** {@code [count, how many of them come before firstId]}. */
    private static long[] count(Connection c, ArchiveScope scope, Filter filter, Collection<Long> only,
                                Long firstId) throws SQLException {
        long[] result = new long[2];
        if (only != null && only.isEmpty()) {
            return result;
        }
        for (ArchiveScope.Branch branch : scope.branches()) {
            StringBuilder sql = new StringBuilder(firstId == null ? "SELECT COUNT(*), 0"
                    : "SELECT COUNT(*), SUM(CASE WHEN messageId < ? THEN 1 ELSE 0 END)");
            List<Object> params = new ArrayList<>();
            if (firstId != null) {
                params.add(firstId);
            }
            sql.append(" FROM dcMessage WHERE (").append(branch.where()).append(')');
            params.addAll(branch.params());
            filter.append(sql, params);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        result[0] += rs.getLong(1);
                        result[1] += rs.getLong(2);
                    }
                }
            }
        }
        return result;
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Long l) {
                ps.setLong(i + 1, l);
            } else {
                ps.setString(i + 1, (String) p);
            }
        }
    }

    /** The query's filters that are not paging: time, id range and id set. */
    private record Filter(Long start, Long end, Long afterId, Long beforeId, List<Long> only) {

        static Filter of(MamQuery q, Collection<Long> only) {
            return new Filter(q.start(), q.end(), q.afterId(), q.beforeId(),
                    only == null ? null : List.copyOf(new HashSet<>(only)));
        }

        void append(StringBuilder sql, List<Object> params) {
            if (afterId != null) {
                sql.append(" AND messageId > ?");
                params.add(afterId);
            }
            if (beforeId != null) {
                sql.append(" AND messageId < ?");
                params.add(beforeId);
            }
            if (start != null) {
                sql.append(" AND sentAt >= ?");
                params.add(start);
            }
            if (end != null) {
                sql.append(" AND sentAt <= ?");
                params.add(end);
            }
            if (only != null && !only.isEmpty()) {
                sql.append(" AND messageId IN (");
                for (int i = 0; i < only.size(); i++) {
                    sql.append(i == 0 ? "?" : ",?");
                    params.add(only.get(i));
                }
                sql.append(')');
            }
        }
    }
}
