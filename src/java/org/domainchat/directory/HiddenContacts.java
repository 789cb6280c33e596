package org.domainchat.directory;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The colleagues and aliases each user removed from their own contact list: they stay out of that user's roster and
 * roster pushes until the user adds them again. Only the roster changes; chat, presence, personal eventing and
 * webmail go on as for any colleague. Every entry is written to the store before it counts, and all of them are held
 * in memory (one set per user who ever removed someone), so roster requests never wait for the database.
 */
public final class HiddenContacts {

    /** Where the entries are kept; {@code contact} is the local part of a colleague's or an alias's address. */
    public interface Store {
        Map<String, Set<String>> loadAll() throws SQLException;

        void add(String username, String contact) throws SQLException;

        void remove(String username, String contact) throws SQLException;

        /** Removes the account's own entries and every entry that names it. */
        void forget(String username) throws SQLException;
    }

    private final Store store;
    private final Map<String, Set<String>> hidden = new ConcurrentHashMap<>();

    private HiddenContacts(Store store) {
        this.store = store;
    }

    public static HiddenContacts load(Store store) throws SQLException {
        HiddenContacts contacts = new HiddenContacts(store);
        store.loadAll().forEach((user, set) -> contacts.hidden.put(user, Set.copyOf(set)));
        return contacts;
    }

    /** Nobody has removed anyone yet; removals go to {@code store}. */
    public static HiddenContacts empty(Store store) {
        return new HiddenContacts(store);
    }

    /** The local parts {@code username} hid, as an immutable set. */
    public Set<String> of(String username) {
        return hidden.getOrDefault(username, Set.of());
    }

    public boolean isHidden(String username, String contact) {
        return of(username).contains(contact);
    }

    /** Takes {@code contact} out of {@code username}'s contact list, durably; false when it already was. */
    public synchronized boolean hide(String username, String contact) throws SQLException {
        if (isHidden(username, contact)) {
            return false;
        }
        store.add(username, contact);
        Set<String> next = new HashSet<>(of(username));
        next.add(contact);
        hidden.put(username, Set.copyOf(next));
        return true;
    }

    /** Puts {@code contact} back into {@code username}'s contact list, durably; false when it was not hidden. */
    public synchronized boolean show(String username, String contact) throws SQLException {
        if (!isHidden(username, contact)) {
            return false;
        }
        store.remove(username, contact);
        Set<String> next = new HashSet<>(of(username));
        next.remove(contact);
        if (next.isEmpty()) {
            hidden.remove(username);
        } else {
            hidden.put(username, Set.copyOf(next));
        }
        return true;
    }

    /** The account was deleted: its own entries and every entry naming it go. */
    public synchronized void accountDeleted(String username) throws SQLException {
        store.forget(username);
        hidden.remove(username);
        for (Map.Entry<String, Set<String>> e : hidden.entrySet()) {
            if (e.getValue().contains(username)) {
                Set<String> next = new HashSet<>(e.getValue());
                next.remove(username);
                if (next.isEmpty()) {
                    hidden.remove(e.getKey());
                } else {
                    hidden.put(e.getKey(), Set.copyOf(next));
                }
            }
        }
    }
}
