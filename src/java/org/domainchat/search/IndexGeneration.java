package org.domainchat.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.domainchat.archive.ChatLoad;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NRTCachingDirectory;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.archive.PairKeys;

/**
 * One index folder with its writer and near-real-time searchers. The commit data records the schema and the
 * watermark: every archive id up to it is in the index, none above it, because messages are indexed in id order.
 * Only the indexer thread writes; searches acquire searchers from any thread.
 */
final class IndexGeneration implements AutoCloseable {
    private static final double MAX_CACHED_SEGMENT_MB = 4;
    private static final double MAX_CACHED_MB = 48;

    private static final String WATERMARK = "watermark";
    private static final String SCHEMA = "schema";

    final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final PairKeys pairKeys = new PairKeys(10_000);
    final SearcherManager searchers;
    private volatile long watermark;
    private volatile long searchableWatermark;
    private long committedWatermark;

    private IndexGeneration(Path path, Directory directory, IndexWriter writer, long watermark) throws IOException {
        this.path = path;
        this.directory = directory;
        this.writer = writer;
        this.watermark = watermark;
        this.committedWatermark = watermark;
        this.searchableWatermark = watermark;
        this.searchers = new SearcherManager(writer, null);
    }

    /** A new, empty index in {@code path} (which must not hold one). */
    static IndexGeneration create(Path path, Analyzer analyzer, ChatLoad load) throws IOException {
        Files.createDirectories(path);
        Directory dir = directory(path);
        try {
            IndexWriter writer = new IndexWriter(dir, config(analyzer, load).setOpenMode(IndexWriterConfig.OpenMode.CREATE));
            writer.setLiveCommitData(Map.of(SCHEMA, IndexFields.SCHEMA, WATERMARK, "0").entrySet());
            writer.commit();
            return new IndexGeneration(path, dir, writer, 0);
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    /**
     * Opens the index in {@code path}.
     *
     * @throws IOException when it is missing, unreadable, corrupt or of another schema: the caller rebuilds it
     */
    static IndexGeneration open(Path path, Analyzer analyzer, ChatLoad load) throws IOException {
        Directory dir = directory(path);
        try {
            if (!DirectoryReader.indexExists(dir)) {
                throw new IOException("no index in " + path);
            }
            Map<String, String> data;
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                data = reader.getIndexCommit().getUserData();
            }
            if (!IndexFields.SCHEMA.equals(data.get(SCHEMA))) {
                throw new IOException("index schema " + data.get(SCHEMA) + " is not " + IndexFields.SCHEMA);
            }
            long watermark = Long.parseLong(data.getOrDefault(WATERMARK, "0"));
            IndexWriter writer = new IndexWriter(dir, config(analyzer, load).setOpenMode(IndexWriterConfig.OpenMode.APPEND));
            return new IndexGeneration(path, dir, writer, watermark);
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    /**
     * The folder, with newly flushed small segments kept in memory until a commit or a merge writes them. Without
     * this, every near-real-time refresh (ten a second when chat is calm) writes new files, and on ext4 in its
     * default ordered mode the journal's next fsync must first flush them: the archive's durable latency would pay
     * for the search index's freshness. The index is rebuilt from its commit's watermark after a crash anyway.
     */
    private static Directory directory(Path path) throws IOException {
        return new NRTCachingDirectory(FSDirectory.open(path), MAX_CACHED_SEGMENT_MB, MAX_CACHED_MB);
    }

    private static IndexWriterConfig config(Analyzer analyzer, ChatLoad load) {
        IndexWriterConfig config = new IndexWriterConfig(analyzer);
        config.setMergeScheduler(new YieldingMergeScheduler(load));
        config.setRAMBufferSizeMB(64);
        config.setCommitOnClose(false); // commits carry the watermark, so they are made explicitly
        return config;
    }

    long watermark() {
        return watermark;
    }

    /** Adds the message unless the index already has it (ids at or below the watermark). */
    boolean add(ArchivedMessage m) throws IOException {
        if (m.id() <= watermark) {
            return false;
        }
        writer.addDocument(IndexFields.document(m, pairKeys.of(m.parties())));
        watermark = m.id();
        return true;
    }

    /** The newest id that searches can see: the watermark as of the last refresh. */
    long searchableWatermark() {
        return searchableWatermark;
    }

    void refresh() throws IOException {
        long mark = watermark;
        searchers.maybeRefreshBlocking();
        searchableWatermark = mark;
    }

    boolean hasUncommitted() {
        return watermark != committedWatermark;
    }

    void commit() throws IOException {
        long mark = watermark;
        writer.setLiveCommitData(Map.of(SCHEMA, IndexFields.SCHEMA, WATERMARK, Long.toString(mark)).entrySet());
        writer.commit();
        committedWatermark = mark;
    }

    int numDocs() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    long sizeBytes() {
        try (Stream<Path> files = Files.list(path)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Commits (when asked) and closes; releases the folder's write lock. */
    void close(boolean commitFirst) throws IOException {
        try {
            if (commitFirst && hasUncommitted()) {
                commit();
            }
        } finally {
            try {
                searchers.close();
            } finally {
                try {
                    writer.rollback(); // after a commit this only closes; without one it drops uncommitted docs
                } finally {
                    directory.close();
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        close(true);
    }
}
