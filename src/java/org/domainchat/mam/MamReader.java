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
    private final int countLimit;

    /**
     * @param countLimit the most rows one query counts for RSM {@code count} and {@code first@index}; beyond it
     *                   they are left out (XEP-0059 §2.6 lets a responder omit them when they are expensive)
     */
    MamReader(ConnectionSource db, int countLimit) {
        this.db = db;
        this.countLimit = countLimit;
    }

    /**
     * The page {@code query} asks for, with {@code count} and {@code first@index} where they cost at most
     * {@code countLimit} rows to find (often nothing: a page from either end of the archive knows one side).
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
                for (ArchiveScope.Branch branch : branches(scope, only)) {
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
            if (only != null && only.isEmpty()) {
                return new MamPage(page, true, 0, MamPage.UNKNOWN);
            }
            if (page.isEmpty()) {
                long total;
                if (rows.isEmpty() && query.after() == null && query.before() == null) {
                    total = 0; // read from an end of the set and found nothing: it is empty
                } else if (skip > 0 && rows.size() <= skip) {
                    total = rows.size(); // skipping read the whole set
                } else {
                    total = count(c, scope, filter, null, null);
                }
                return new MamPage(page, !more, total, MamPage.UNKNOWN);
            }
            long first = page.get(0).id();
            long last = page.get(page.size() - 1).id();
            // how many match before the page: known when the page starts at the set's start
            long before;
            if (backward ? !more : query.after() == null) {
                before = backward ? 0 : skip;
            } else {
                before = count(c, scope, filter, null, first);
            }
            // how many match after it: known when the page ends at the set's end
            long after;
            if (backward ? query.before() == null : !more) {
                after = 0;
            } else {
                after = count(c, scope, filter, last, null);
            }
            long total = before == MamPage.UNKNOWN || after == MamPage.UNKNOWN ? MamPage.UNKNOWN
                    : before + page.size() + after;
            return new MamPage(page, !more, total, before);
        }
    }

    /** The branches to read: for a set of ids, one condition over the whole archive (primary-key lookups). */
    private static List<ArchiveScope.Branch> branches(ArchiveScope scope, Collection<Long> only) {
        return only == null ? scope.branches() : List.of(scope.anyBranch());
    }

    /** The archive ids among {@code ids} that are not in the archive (so must be answered item-not-found). */
    Set<Long> missing(ArchiveScope scope, Collection<Long> ids) throws SQLException {
        Set<Long> missing = new HashSet<>(ids);
        if (ids.isEmpty()) {
            return missing;
        }
        // one primary-key lookup of the ids, kept where any branch of the archive holds them
        ArchiveScope.Branch any = scope.anyBranch();
        StringBuilder sql = new StringBuilder("SELECT messageId FROM dcMessage WHERE messageId IN (");
        List<Object> params = new ArrayList<>();
        for (Long id : missing) {
            sql.append(params.isEmpty() ? "?" : ",?");
            params.add(id);
        }
        sql.append(") AND (").append(any.where()).append(')');
        params.addAll(any.params());
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    missing.remove(rs.getLong(1));
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
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM dcMessage WHERE ");
        List<Object> params = new ArrayList<>();
        filter.ids(sql, params);
        sql.append('(').append(branch.where()).append(')');
        params.addAll(branch.params());
        filter.append(sql, params);
        if (after != null) {
            sql.append(" AND messageId > ?");
            params.add(after);
        }
        if (before != null) {
            sql.append(" AND messageId < ?");
            params.add(before);
        }
        sql.append(filter.orderBy(branch, backward));
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

    /**
     * How many rows match between {@code above} and {@code below} (exclusive; null: no bound), or
     * {@link MamPage#UNKNOWN} when more than {@code countLimit} do. Reads at most {@code countLimit + 1} index
     * entries in all (every database stops at the statement's row limit), never the whole range.
     */
    private long count(Connection c, ArchiveScope scope, Filter filter, Long above, Long below)
            throws SQLException {
        long counted = 0;
        for (ArchiveScope.Branch branch : branches(scope, filter.only())) {
            StringBuilder sql = new StringBuilder("SELECT messageId FROM dcMessage WHERE ");
            List<Object> params = new ArrayList<>();
            filter.ids(sql, params);
            sql.append('(').append(branch.where()).append(')');
            params.addAll(branch.params());
            filter.append(sql, params);
            if (above != null) {
                sql.append(" AND messageId > ?");
                params.add(above);
            }
            if (below != null) {
                sql.append(" AND messageId < ?");
                params.add(below);
            }
            // toward the page, so that a database reading the index in order stops where the limit is reached
            sql.append(filter.orderBy(branch, below != null && above == null));
            int room = (int) (countLimit - counted) + 1;
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setMaxRows(room);
                ps.setFetchSize(Math.min(room, 1000));
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counted++;
                    }
                }
            }
            if (counted > countLimit) {
                return MamPage.UNKNOWN;
            }
        }
        return counted;
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

        /**
         * A read of named ids (full-text matches, the {@code ids} field) is a primary-key lookup of each, sorted
         * after: ordered by the branch's index, a database would walk the whole range testing each row instead.
         */
        String orderBy(ArchiveScope.Branch branch, boolean newestFirst) {
            if (only != null) {
                return newestFirst ? " ORDER BY messageId DESC" : " ORDER BY messageId";
            }
            return branch.orderBy(newestFirst);
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
        }

        /**
         * The id set's condition, written first: HSQLDB then looks the ids up by primary key; written after an OR of
         * the branches it walks the branches' index ranges instead (200 ids of one user: 1.8 ms against 160 ms).
         */
        void ids(StringBuilder sql, List<Object> params) {
            if (only != null && !only.isEmpty()) {
                sql.append("messageId IN (");
                for (int i = 0; i < only.size(); i++) {
                    sql.append(i == 0 ? "?" : ",?");
                    params.add(only.get(i));
                }
                sql.append(") AND ");
            }
        }
    }
}
