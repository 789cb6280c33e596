package org.domainchat.openfire;

import java.nio.file.Path;
import java.time.Duration;

import org.domainchat.Environment;
import org.domainchat.Settings;
import org.domainchat.alias.GroupMembers;
import org.domainchat.archive.ChatLoad;
import org.domainchat.archive.LocalUsers;
import org.domainchat.db.ConnectionSource;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.util.JiveGlobals;
import org.xmpp.packet.JID;

/** The core's view of the running Openfire server. The only place that reaches for Openfire's singletons. */
final class OpenfireEnvironment implements Environment {

    private final Settings settings;
    private final LocalUsers users;
    private final ConnectionSource database;
    private final GroupMembers groups;
    private final Duration ownershipWait;
    private final ChatLoad chatLoad;

    OpenfireEnvironment(XMPPServer server, Settings settings, ConnectionSource database, GroupMembers groups,
                        Duration ownershipWait, ChatLoad chatLoad) {
        this.ownershipWait = ownershipWait;
        this.chatLoad = chatLoad;
        this.settings = settings;
        this.database = database;
        this.groups = groups;
        this.users = new OpenfireUsers(server.getServerInfo().getXMPPDomain(), server.getUserManager());
    }

    @Override
    public ConnectionSource database() {
        return database;
    }

    /** {@code <openfireHome>/domainchat}: outside {@code plugins/}, so it survives plugin upgrades. */
    @Override
    public Path dataDirectory() {
        return JiveGlobals.getHomePath().resolve("domainchat");
    }

    @Override
    public ChatLoad chatLoad() {
        return chatLoad;
    }

    @Override
    public Duration ownershipWait() {
        return ownershipWait;
    }

    @Override
    public LocalUsers users() {
        return users;
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public GroupMembers groups() {
        return groups;
    }

    /** Openfire's user manager caches registration lookups, so this is cheap on the routing path. */
    private record OpenfireUsers(String domain, UserManager manager) implements LocalUsers {
        @Override
        public boolean exists(String username) {
            return manager.isRegisteredUser(new JID(username, domain, null, true), false);
        }
    }
}
