package org.domainchat.testing;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.domainchat.Environment;
import org.domainchat.Settings;
import org.domainchat.alias.GroupMembers;
import org.domainchat.archive.ChatLoad;
import org.domainchat.archive.LocalUsers;
import org.domainchat.db.ConnectionSource;

/** A plain-object environment: a real database, a temp folder, a fixed set of users on example.com. */
public final class TestEnvironment implements Environment {

    public static final String DOMAIN = "example.com";

    private final ConnectionSource db;
    private final Path data;
    private final Settings settings;
    private final LongSupplier clock;
    private final Set<String> users = ConcurrentHashMap.newKeySet();
    private GroupMembers groups = GroupMembers.NONE;
    private ChatLoad chatLoad = ChatLoad.NONE;

    public TestEnvironment(ConnectionSource db, Path data, Settings settings, LongSupplier clock, String... usernames) {
        this.db = db;
        this.data = data;
        this.settings = settings;
        this.clock = clock;
        this.users.addAll(Set.of(usernames));
    }

    public TestEnvironment(ConnectionSource db, Path data, String... usernames) {
        this(db, data, Settings.Fixed.defaults(), System::currentTimeMillis, usernames);
    }

    /** The server's groups, for aliases that follow one; set before the core starts. */
    public TestEnvironment withGroups(GroupMembers groups) {
        this.groups = groups;
        return this;
    }

    @Override
    public GroupMembers groups() {
        return groups;
    }

    /** How busy delivery is, as the plugin's delivery lanes tell the core; set before the core starts. */
    public TestEnvironment withChatLoad(ChatLoad load) {
        this.chatLoad = load;
        return this;
    }

    @Override
    public ChatLoad chatLoad() {
        return chatLoad;
    }

    public void addUser(String username) {
        users.add(username);
    }

    @Override
    public ConnectionSource database() {
        return db;
    }

    @Override
    public Path dataDirectory() {
        return data;
    }

    @Override
    public LocalUsers users() {
        return new LocalUsers() {
            @Override
            public String domain() {
                return DOMAIN;
            }

            @Override
            public boolean exists(String username) {
                return users.contains(username);
            }
        };
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public LongSupplier clock() {
        return clock;
    }
}
