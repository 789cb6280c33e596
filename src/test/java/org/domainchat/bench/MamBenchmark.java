package org.domainchat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

import org.dom4j.DocumentHelper;
import org.domainchat.DomainChat;
import org.domainchat.Settings;
import org.domainchat.archive.ArchiveRows;
import org.domainchat.archive.PartyPair;
import org.domainchat.mam.AliasLines;
import org.domainchat.mam.ArchiveProgress;
import org.domainchat.mam.MamService;
import org.domainchat.mam.SearchFulltext;
import org.domainchat.search.LuceneBenchSupport;
import org.domainchat.testing.TestEnvironment;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;

/**
 * XEP-0313 archive queries over a large archive (HSQLDB file database as Openfire embeds it, 10,000 users): a
 * 50-message page between one user and one contact (first page, last page, after-id catch-up) and a full-text query,
 * each end to end (IQ in, result stanzas serialised) with p50/p99, beside the raw limit measured in the same run:
 * the same rows read by plain JDBC over the same index, the same matches read by plain Lucene from the same index.
 *
 * <p>{@code mvn -o -Pbenchmark test-compile exec:exec@mam-benchmark -Dbench.mamMessages=10000000}; the archive is
 * bulk-inserted for at most {@code bench.mamBuildSeconds} (300) and its size printed; with
 * {@code -Dbench.mamKeep=<dir>} it is built there once and measured again by later runs. The load average is
 * printed beside every figure: other processes share the cores.
 */
public final class MamBenchmark {

    private static final int USERS = 10_000;
    private static final int CONTACTS = 20;
    private static final int WARMUP = 300;
    private static final int RUNS = 2000;
    private static final String ALICE = "u0@" + TestEnvironment.DOMAIN;
    private static final String BOB = "u1@" + TestEnvironment.DOMAIN;
    private static final String[] WORDS = words();
    /** HSQLDB's defaults, which Openfire's embedded database keeps. */
    private static final int OPENFIRE_CACHE_ROWS = 50_000;
    private static final int OPENFIRE_CACHE_KB = 10_000;
    private static final int BUILD_CACHE_ROWS = 2_000_000;
    private static final int BUILD_CACHE_KB = 1_000_000;

    private MamBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long target = Long.parseLong(property("bench.mamMessages", "10000000"));
        long buildSeconds = Long.parseLong(property("bench.mamBuildSeconds", "300"));
        // -Dbench.mamKeep=<dir>: build there once and measure the same archive again on later runs
        String keep = property("bench.mamKeep", "");
        Path dir = keep.isEmpty() ? Files.createTempDirectory("mam-bench") : Path.of(keep);
        boolean reuse = !keep.isEmpty() && Files.exists(dir.resolve("db").resolve("db.properties"));
        long t0 = System.nanoTime();
        long[] built;
        if (reuse) {
            ArchiveBenchmark.Pool existing = ArchiveBenchmark.Pool.open(dir.resolve("db"));
            built = counted(existing);
            existing.shutdown();
        } else {
            // a row cache big enough for the indexes' random inserts while loading (HSQLDB takes cache sizes from
            // the URL of a new database); set back to HSQLDB's defaults, which Openfire keeps, before measuring
            ArchiveBenchmark.Pool loading = ArchiveBenchmark.Pool.create(dir.resolve("db"),
                    ";hsqldb.cache_rows=" + BUILD_CACHE_ROWS + ";hsqldb.cache_size=" + BUILD_CACHE_KB);
            built = build(loading, target, buildSeconds);
            loading.shutdown();
        }
        // measured after a restart, so that the cache is the one Openfire's embedded database has
        ArchiveBenchmark.Pool pool = ArchiveBenchmark.Pool.open(dir.resolve("db"));
        long rows = built[0];
        try (Connection c = pool.getConnection(); java.sql.Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT PROPERTY_NAME, PROPERTY_VALUE FROM "
                     + "INFORMATION_SCHEMA.SYSTEM_PROPERTIES WHERE PROPERTY_NAME IN ('hsqldb.cache_rows', "
                     + "'hsqldb.cache_size', 'files_log')")) {
            StringBuilder settings = new StringBuilder("measured with");
            while (rs.next()) {
                settings.append(' ').append(rs.getString(1)).append('=').append(rs.getString(2));
            }
            System.out.println(settings);
        }
        System.out.printf(Locale.ROOT, "archive: %,d messages (target %,d), %,d users, %,d between %s and %s, "
                        + "%s; database files %,d MB; load average %s%n", rows, target, USERS, built[1], ALICE, BOB,
                reuse ? "built by an earlier run" : String.format(Locale.ROOT, "built in %.0f s",
                        (System.nanoTime() - t0) / 1e9), size(dir.resolve("db")) >> 20, loadAverage());
        String[] users = new String[USERS];
        for (int i = 0; i < USERS; i++) {
            users[i] = "u" + i;
        }
        DomainChat core = DomainChat.start(new TestEnvironment(pool, dir.resolve("data"), Settings.Fixed.defaults(),
                System::currentTimeMillis, users));
        try {
            long i0 = System.nanoTime();
            if (core.index().status().documents() < rows) {
                core.index().requestRebuild(); // a kept archive keeps its index too
            }
            while (core.index().status().documents() < rows || core.index().status().rebuild() != null
                    && core.index().status().rebuild().running()) {
                Thread.sleep(500);
            }
            System.out.printf(Locale.ROOT, "search index: %,d documents, built in %.0f s%n",
                    core.index().status().documents(), (System.nanoTime() - i0) / 1e9);
            MamService mam = new MamService(pool, TestEnvironment.DOMAIN, core.aliases(), List::of,
                    ArchiveProgress.STORED, Duration.ZERO, new SearchFulltext(core.search()), AliasLines.USERNAMES);
            long[] pair = pairIds(pool);
            long catchUpFrom = pair[Math.max(0, pair.length - 100)];
            String with = "<field var='with'><value>" + BOB + "</value></field>";
            // every kind warmed up before any is measured: the first one measured would otherwise still share
            // the cores with the JIT compiling the paths all of them use
            warmUp(() -> query(mam, with, "<max>50</max>"), () -> query(mam, with, "<max>50</max><before/>"),
                    () -> raw(pool, false, null), () -> raw(pool, true, null));
            report("first page", () -> query(mam, with, "<max>50</max>"),
                    () -> raw(pool, false, null));
            report("last page", () -> query(mam, with, "<max>50</max><before/>"),
                    () -> raw(pool, true, null));
            report("after-id catch-up", () -> query(mam, with + "<field var='after-id'><value>" + catchUpFrom
                    + "</value></field>", "<max>50</max>"), () -> raw(pool, false, catchUpFrom));
            String word = WORDS[7];
            report("full text (one word, whole archive, last page)", () -> query(mam,
                    "<field var='{urn:xmpp:fulltext:0}fulltext'><value>" + word + "</value></field>",
                    "<max>50</max><before/>"), () -> {
                        try {
                            return LuceneBenchSupport.rawNewest(core.index(), ALICE, word, 51).length;
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
        } finally {
            core.close();
            pool.shutdown();
        }
    }

    /** Bulk-inserts random chat between colleagues; every 50th message is between the two measured users. */
    private static long[] build(ArchiveBenchmark.Pool pool, long target, long seconds) throws SQLException {
        Random rnd = new Random(42);
        String[] keys = new String[USERS * CONTACTS];
        int[][] contacts = new int[USERS][CONTACTS];
        for (int u = 0; u < USERS; u++) {
            for (int c = 0; c < CONTACTS; c++) {
                contacts[u][c] = (u + 1 + c * 37) % USERS;
                keys[u * CONTACTS + c] = PartyPair.of(jid(u), jid(contacts[u][c])).key();
            }
        }
        String pairKey = PartyPair.of(ALICE, BOB).key();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long id = 1_700_000_000_000_000L;
        long sent = 1_700_000_000_000L;
        long n = 0;
        long between = 0;
        try (Connection c = pool.getConnection(); java.sql.Statement st = c.createStatement()) {
            // A bulk load, not the server's write path: no redo log while loading (a crash loses only the
            // benchmark's data). The log and HSQLDB's default cache are set back and the database checkpointed
            // before anything is measured, so queries run with Openfire's settings.
            st.execute("SET FILES LOG FALSE");
        }
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO dcMessage (messageId, conversationId, sentAt, fromJid, fromResource, toJid, toResource, "
                        + "body, bodyTruncated, thread, msgType, clientId, pairKey, stanza, viaAlias) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)")) {
            c.setAutoCommit(false);
            while (n < target && System.nanoTime() < deadline) {
                for (int b = 0; b < 5000 && n < target; b++, n++) {
                    int from;
                    int to;
                    String key;
                    if (n % 50 == 0) {
                        from = rnd.nextBoolean() ? 0 : 1;
                        to = 1 - from;
                        key = pairKey;
                        between++;
                    } else {
                        from = rnd.nextInt(USERS);
                        int k = rnd.nextInt(CONTACTS);
                        to = contacts[from][k];
                        key = keys[from * CONTACTS + k];
                    }
                    id += 1 + rnd.nextInt(1000);
                    sent = id / 1000;
                    String body = WORDS[rnd.nextInt(WORDS.length)] + " " + WORDS[rnd.nextInt(WORDS.length)] + " "
                            + WORDS[rnd.nextInt(WORDS.length)] + " " + WORDS[rnd.nextInt(WORDS.length)];
                    ps.setLong(1, id);
                    ps.setLong(2, id);
                    ps.setLong(3, sent);
                    ps.setString(4, jid(from));
                    ps.setString(5, "phone");
                    ps.setString(6, jid(to));
                    ps.setNull(7, java.sql.Types.VARCHAR);
                    ps.setString(8, body);
                    ps.setInt(9, 0);
                    ps.setNull(10, java.sql.Types.VARCHAR);
                    ps.setString(11, "chat");
                    ps.setString(12, "c" + n);
                    ps.setString(13, key);
                    ps.setString(14, "<message type=\"chat\" id=\"c" + n + "\" from=\"" + jid(from)
                            + "/phone\" to=\"" + jid(to) + "\"><body>" + body + "</body>"
                            + "<request xmlns=\"urn:xmpp:receipts\"/></message>");
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            }
            c.setAutoCommit(true);
        }
        try (Connection c = pool.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("SET FILES CACHE ROWS " + OPENFIRE_CACHE_ROWS);
            st.execute("SET FILES CACHE SIZE " + OPENFIRE_CACHE_KB);
            st.execute("SET FILES LOG TRUE");
            st.execute("CHECKPOINT");
        }
        return new long[] {n, between};
    }

    /** {@code [messages, messages between the measured pair]} of an archive built before. */
    private static long[] counted(ArchiveBenchmark.Pool pool) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT (SELECT COUNT(*) FROM dcMessage), (SELECT COUNT(*) FROM dcMessage WHERE pairKey = ?) "
                        + "FROM (VALUES(0))")) {
            ps.setString(1, PartyPair.of(ALICE, BOB).key());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    private static long size(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** The machine's load average (1, 5, 15 min): other processes share the cores the figures depend on. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String jid(int user) {
        return "u" + user + "@" + TestEnvironment.DOMAIN;
    }

    private static long[] pairIds(ArchiveBenchmark.Pool pool) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT messageId FROM dcMessage WHERE pairKey = ? ORDER BY messageId")) {
            ps.setString(1, PartyPair.of(ALICE, BOB).key());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** One archive query of u0, end to end: the answer's stanzas serialised; returns the results' count. */
    private static int query(MamService mam, String fields, String rsm) {
        try {
            IQ iq = new IQ(DocumentHelper.parseText("<iq type='set' id='q' from='" + ALICE + "/phone'>"
                    + "<query xmlns='urn:xmpp:mam:2' queryid='b'><x xmlns='jabber:x:data' type='submit'>" + fields
                    + "</x><set xmlns='http://jabber.org/protocol/rsm'>" + rsm + "</set></query></iq>")
                    .getRootElement());
            List<Packet> answer = mam.answer(iq);
            int bytes = 0;
            for (Packet p : answer) {
                bytes += p.toXML().length();
            }
            if (((IQ) answer.get(answer.size() - 1)).getType() != IQ.Type.result || bytes == 0) {
                throw new IllegalStateException("query failed: " + answer.get(answer.size() - 1).toXML());
            }
            return answer.size() - 1;
        } catch (org.dom4j.DocumentException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The same page's rows by plain JDBC over the same (pairKey, messageId) index, ordered by the whole index so
     * that HSQLDB stops at the row limit (ordered by messageId alone it sorts the pair's every row first).
     */
    private static int raw(ArchiveBenchmark.Pool pool, boolean newest, Long after) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT "
                + ArchiveRows.MESSAGE_COLUMNS + ", stanza FROM dcMessage WHERE pairKey = ?"
                + (after == null ? "" : " AND messageId > ?")
                + (newest ? " ORDER BY pairKey DESC, messageId DESC" : " ORDER BY pairKey, messageId"))) {
            ps.setMaxRows(51);
            ps.setString(1, PartyPair.of(ALICE, BOB).key());
            if (after != null) {
                ps.setLong(2, after);
            }
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ArchiveRows.message(rs);
                    rs.getString(14);
                    n++;
                }
            }
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @SafeVarargs
    private static void warmUp(Supplier<Integer>... runs) {
        for (int i = 0; i < WARMUP * 3; i++) {
            for (Supplier<Integer> run : runs) {
                run.get();
            }
        }
    }

    private static void report(String what, Supplier<Integer> ours, Supplier<Integer> raw) {
        int results = 0;
        for (int i = 0; i < WARMUP; i++) {
            results = ours.get();
            raw.get();
        }
        long[] a = new long[RUNS];
        long[] b = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long s = System.nanoTime();
            ours.get();
            long m = System.nanoTime();
            raw.get();
            b[i] = System.nanoTime() - m;
            a[i] = m - s;
        }
        Arrays.sort(a);
        Arrays.sort(b);
        System.out.printf(Locale.ROOT, "%-48s %3d results  p50 %6.2f ms  p99 %6.2f ms | raw p50 %6.2f ms  p99 %6.2f ms"
                        + " | ratio p50 %.1fx  p99 %.1fx | load %s%n", what, results, pct(a, 50), pct(a, 99),
                pct(b, 50), pct(b, 99), pct(a, 50) / pct(b, 50), pct(a, 99) / pct(b, 99), loadAverage());
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
    }

    private static String[] words() {
        Random rnd = new Random(7);
        String[] words = new String[5000];
        for (int i = 0; i < words.length; i++) {
            StringBuilder w = new StringBuilder();
            int len = 4 + rnd.nextInt(6);
            for (int j = 0; j < len; j++) {
                w.append((char) ('a' + rnd.nextInt(26)));
            }
            words[i] = w.toString();
        }
        return words;
    }

    private static String property(String name, String defaultValue) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() || value.startsWith("${") ? defaultValue : value.strip();
    }
}
