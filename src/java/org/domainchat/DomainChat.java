package org.domainchat;

import java.io.IOException;

import org.domainchat.alias.AliasBook;
import org.domainchat.alias.AliasStore;
import org.domainchat.archive.Archive;
import org.domainchat.archive.ArchiveConfig;
import org.domainchat.archive.ArchiveStore;
import org.domainchat.archive.MessageArchiver;
import org.domainchat.archive.MessageCapture;
import org.domainchat.history.HistoryService;
import org.domainchat.search.ArchiveSearch;
import org.domainchat.search.MessageIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running plugin core, independent of Openfire: the archive, its search index, history and search. Built by
 * {@link #start} and torn down by {@link #close}, which stops every thread and releases every file.
 */
public final class DomainChat implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DomainChat.class);

    private final ArchiveStore store;
    private final MessageIndex index;
    private final Archive archive;
    private final MessageArchiver archiver;
    private final ArchiveSearch search;
    private final HistoryService history;
    private final Settings settings;
    private final AliasBook aliases;
    private final DataDirectoryLock ownership;

    private DomainChat(DataDirectoryLock ownership, ArchiveStore store, MessageIndex index, Archive archive,
                       MessageArchiver archiver, AliasBook aliases, HistoryService history, Settings settings) {
        this.ownership = ownership;
        this.store = store;
        this.index = index;
        this.archive = archive;
        this.archiver = archiver;
        this.aliases = aliases;
        this.search = new ArchiveSearch(index, aliases);
        this.history = history;
        this.settings = settings;
    }

    /**
     * Starts the core on the environment's data folder, once no other copy runs on it (waiting up to
     * {@link Environment#ownershipWait()} for one that is stopping).
     */
    public static DomainChat start(Environment env) throws IOException {
        DataDirectoryLock ownership = DataDirectoryLock.acquire(env.dataDirectory(), env.ownershipWait());
        try {
            return start(env, ownership);
        } catch (IOException | RuntimeException e) {
            ownership.close();
            throw e;
        }
    }

    private static DomainChat start(Environment env, DataDirectoryLock ownership) throws IOException {
        Settings settings = env.settings();
        ArchiveStore store = new ArchiveStore(env.database());
        MessageIndex index = MessageIndex.open(env.dataDirectory().resolve("index"), store, env.clock(),
                env.chatLoad());
        Archive archive;
        try {
            index.start();
            ArchiveConfig config = ArchiveConfig.defaults(env.dataDirectory(), settings::conversationIdleMillis)
                    .withFsync(settings.journalFsync())
                    .withQueueCapacity(settings.queueCapacity());
            archive = Archive.open(config, store, env.clock(), index::accept, env.chatLoad());
        } catch (IOException | RuntimeException e) {
            index.close();
            throw e;
        }
        MessageCapture capture = new MessageCapture(env.users(), settings::maxBodyBytes, env.clock());
        AliasBook aliases = AliasBook.empty(new AliasStore(env.database()), env.groups(), env.users().domain());
        try {
            aliases.reload();
        } catch (java.sql.SQLException e) {
            // archiving must not depend on it: the aliases are read again when the admin page or a change asks
            LOG.error("Could not read the chat aliases; none are active until they can be read", e);
        }
        return new DomainChat(ownership, store, index, archive, new MessageArchiver(capture, archive), aliases,
                new HistoryService(env.database(), env.clock(), aliases), settings);
    }

    /** The domain's chat aliases. */
    public AliasBook aliases() {
        return aliases;
    }

    public MessageArchiver archiver() {
        return archiver;
    }

    public Archive archive() {
        return archive;
    }

    public ArchiveStore store() {
        return store;
    }

    public MessageIndex index() {
        return index;
    }

    public ArchiveSearch search() {
        return search;
    }

    public HistoryService history() {
        return history;
    }

    public Settings settings() {
        return settings;
    }

    /** Archive first (its last batches still reach the index), then the index, then the data folder. */
    @Override
    public void close() {
        try {
            archive.close();
        } finally {
            try {
                index.close();
            } finally {
                try {
                    ownership.close();
                } catch (IOException e) {
                    LOG.warn("Could not release the data folder's lock", e);
                }
            }
        }
    }
}
