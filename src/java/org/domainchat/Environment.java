package org.domainchat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;

import org.domainchat.alias.GroupMembers;
import org.domainchat.archive.ChatLoad;
import org.domainchat.archive.LocalUsers;
import org.domainchat.db.ConnectionSource;

/** Everything the core needs from the server it runs in; Openfire's adapter provides it, tests use plain objects. */
public interface Environment {

    ConnectionSource database();

    /** The plugin's data folder (journal, search index, dead letters); survives plugin upgrades. */
    Path dataDirectory();

    LocalUsers users();

    Settings settings();

    /** The server's groups, for aliases that follow one; none by default. */
    default GroupMembers groups() {
        return GroupMembers.NONE;
    }

    default LongSupplier clock() {
        return System::currentTimeMillis;
    }

    /** Whether the server is busy delivering chat: the archive's background work yields to it for a while. */
    default ChatLoad chatLoad() {
        return ChatLoad.NONE;
    }

    /** How long a starting core waits for another copy on the same data folder to stop (a reload). */
    default Duration ownershipWait() {
        return Duration.ofSeconds(10);
    }
}
