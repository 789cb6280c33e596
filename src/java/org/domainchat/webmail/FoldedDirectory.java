package org.domainchat.webmail;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;

/**
 * The directory's names and usernames {@link ContactQuery#fold folded} for the {@code q} filter, computed once per
 * directory snapshot and kept until the directory changes: with 10,000 users, folding them on every keystroke of
 * "Chat With…" would cost more than the search itself.
 */
final class FoldedDirectory {

    /** The folded names of one snapshot, in the snapshot's order. */
    record Folded(DomainDirectory.Snapshot snapshot, String[] names, String[] usernames) {
    }

    private final AtomicReference<Folded> last = new AtomicReference<>();

    Folded of(DomainDirectory.Snapshot snapshot) {
        Folded folded = last.get();
        if (folded != null && folded.snapshot() == snapshot) {
            return folded;
        }
        List<DirectoryUser> users = snapshot.users();
        String[] names = new String[users.size()];
        String[] usernames = new String[users.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = ContactQuery.fold(users.get(i).displayName());
            usernames[i] = ContactQuery.fold(users.get(i).username());
        }
        folded = new Folded(snapshot, names, usernames);
        last.set(folded); // two requests racing here both compute the same thing; either result is right
        return folded;
    }
}
