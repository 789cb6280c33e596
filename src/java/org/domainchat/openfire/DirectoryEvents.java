package org.domainchat.openfire;

import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.domainchat.alias.AliasBook;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.jivesoftware.openfire.event.GroupEventListener;
import org.jivesoftware.openfire.event.UserEventListener;
import org.jivesoftware.openfire.group.Group;
import org.jivesoftware.openfire.user.User;

/**
 * Openfire's user and group events, handed to the directory and the alias book on domain chat's own thread:
 * Openfire fires them on the thread that made the change (an admin's request), which must not wait for thousands
 * of roster pushes. Every user change is applied as "this is the account now"; the directory ignores what did not
 * change, which also covers Openfire's name-modified events that carry no new name.
 */
final class DirectoryEvents implements UserEventListener, GroupEventListener {

    private final DomainDirectory directory;
    private final AliasBook aliases;
    private final Executor executor;
    private final Consumer<String> accountGone;

    /** @param accountGone what else forgets a deleted account (on the executor, after the directory) */
    DirectoryEvents(DomainDirectory directory, AliasBook aliases, Executor executor, Consumer<String> accountGone) {
        this.directory = directory;
        this.aliases = aliases;
        this.executor = executor;
        this.accountGone = accountGone;
    }

    @Override
    public void userCreated(User user, Map<String, Object> params) {
        DirectoryUser u = new DirectoryUser(user.getUsername(), user.getName());
        executor.execute(() -> directory.accountSaved(u));
    }

    @Override
    public void userDeleting(User user, Map<String, Object> params) {
        String username = user.getUsername();
        executor.execute(() -> {
            directory.accountDeleted(username);
            accountGone.accept(username);
        });
    }

    @Override
    public void userModified(User user, Map<String, Object> params) {
        DirectoryUser u = new DirectoryUser(user.getUsername(), user.getName());
        executor.execute(() -> directory.accountSaved(u));
    }

    @Override
    public void groupCreated(Group group, Map<String, ?> params) {
        groupsChanged();
    }

    @Override
    public void groupDeleting(Group group, Map<String, ?> params) {
        groupsChanged();
    }

    @Override
    public void groupModified(Group group, Map<String, ?> params) {
        groupsChanged();
    }

    @Override
    public void memberAdded(Group group, Map<String, ?> params) {
        groupsChanged();
    }

    @Override
    public void memberRemoved(Group group, Map<String, ?> params) {
        groupsChanged();
    }

    @Override
    public void adminAdded(Group group, Map<String, ?> params) {
        groupsChanged(); // a group's admins are alias members too (OpenfireGroups)
    }

    @Override
    public void adminRemoved(Group group, Map<String, ?> params) {
        groupsChanged();
    }

    private void groupsChanged() {
        executor.execute(aliases::groupsChanged);
    }
}
