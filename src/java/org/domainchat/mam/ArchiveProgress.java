package org.domainchat.mam;

import org.domainchat.archive.Archive;

/**
 * How far the archive's database has caught up with the ids already handed out. A message is delivered once it is
 * durable in the journal and reaches the database a moment later; a query waits (briefly) for what was handed out
 * before it, so that a client that just received a message with its stanza-id finds it in the archive too.
 */
public interface ArchiveProgress {

    /** For archives read straight from the database (tools, tests): nothing is ever waited for. */
    ArchiveProgress STORED = new ArchiveProgress() {
        @Override
        public long assigned() {
            return 0;
        }

        @Override
        public long stored() {
            return 0;
        }
    };

    /** The progress of a running archive. */
    static ArchiveProgress of(Archive archive) {
        return new ArchiveProgress() {
            @Override
            public long assigned() {
                return archive.lastAssignedId();
            }

            @Override
            public long stored() {
                return archive.lastStoredId();
            }
        };
    }

    /** The highest archive id handed out so far. */
    long assigned();

    /** The highest archive id the database holds (ids are stored in order). */
    long stored();
}
