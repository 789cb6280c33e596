package org.domainchat.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Everyone on the domain who is a contact of everyone else: every account except the hidden ones. Rosters are built
 * from one immutable {@link Snapshot} (no lookups per contact), and every change bumps the {@link Snapshot#version}
 * and tells the listeners, which push the change to online users.
 */
public final class DomainDirectory {

    /** One change, for roster pushes: {@code user} appeared, changed its name, or (when removed) disappeared. */
    public record Change(DirectoryUser user, boolean removed, String version) {
    }

    /**
     * The visible users, sorted by display name, and a digest of them as version: the same directory has the same
     * version, across restarts too, and any change gives a new one. Immutable; a new one replaces it on every change.
     */
    public record Snapshot(List<DirectoryUser> users, Map<String, DirectoryUser> byUsername, String version) {

        public boolean contains(String username) {
            return byUsername.containsKey(username);
        }
    }

    private static final Comparator<DirectoryUser> ORDER = Comparator
            .comparing((DirectoryUser u) -> u.displayName().toLowerCase(java.util.Locale.ROOT))
            .thenComparing(DirectoryUser::username);

    private final Map<String, DirectoryUser> accounts = new HashMap<>();
    private final Set<String> hidden = new HashSet<>();
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private volatile Snapshot snapshot;

    /** Starts with every account of the server and the hidden usernames. */
    public DomainDirectory(Collection<DirectoryUser> allAccounts, Collection<String> hiddenUsernames) {
        for (DirectoryUser u : allAccounts) {
            accounts.put(u.username(), u);
        }
        hidden.addAll(hiddenUsernames);
        rebuild();
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public void addListener(Consumer<Change> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Change> listener) {
        listeners.remove(listener);
    }

    /** A new account, or a changed name. */
    public void accountSaved(DirectoryUser user) {
        Change change;
        synchronized (this) {
            DirectoryUser before = accounts.put(user.username(), user);
            if (user.equals(before)) {
                return;
            }
            rebuild();
            if (hidden.contains(user.username())) {
                return;
            }
            change = new Change(user, false, snapshot.version());
        }
        notifyListeners(change);
    }

    public void accountDeleted(String username) {
        Change change;
        synchronized (this) {
            DirectoryUser before = accounts.remove(username);
            if (before == null) {
                return;
            }
            rebuild();
            if (hidden.contains(username)) {
                return;
            }
            change = new Change(before, true, snapshot.version());
        }
        notifyListeners(change);
    }

    /** Hides an account from the directory (service accounts, the admin) or shows it again. */
    public void setHidden(String username, boolean hide) {
        Change change = null;
        synchronized (this) {
            boolean changed = hide ? hidden.add(username) : hidden.remove(username);
            if (!changed) {
                return;
            }
            rebuild();
            DirectoryUser user = accounts.get(username);
            if (user != null) {
                change = new Change(user, hide, snapshot.version());
            }
        }
        if (change != null) {
            notifyListeners(change);
        }
    }

    public synchronized Set<String> hiddenUsernames() {
        return Set.copyOf(hidden);
    }

    /** Makes the directory match the user store's full list (for stores that announce no changes, such as LDAP). */
    public void reconcile(Collection<DirectoryUser> allAccounts) {
        Map<String, DirectoryUser> current = new HashMap<>();
        for (DirectoryUser u : allAccounts) {
            current.put(u.username(), u);
        }
        List<String> gone;
        synchronized (this) {
            gone = accounts.keySet().stream().filter(u -> !current.containsKey(u)).toList();
        }
        for (String username : gone) {
            accountDeleted(username);
        }
        for (DirectoryUser u : current.values()) {
            accountSaved(u); // a no-op for an unchanged account
        }
    }

    /** Every account (hidden ones too) whose username or name contains {@code query}, by name, at most {@code limit}. */
    public synchronized List<DirectoryUser> find(String query, int limit) {
        String q = query == null ? "" : query.strip().toLowerCase(java.util.Locale.ROOT);
        List<DirectoryUser> found = new ArrayList<>();
        for (DirectoryUser u : accounts.values()) {
            if (u.username().toLowerCase(java.util.Locale.ROOT).contains(q)
                    || u.displayName().toLowerCase(java.util.Locale.ROOT).contains(q)) {
                found.add(u);
            }
        }
        found.sort(ORDER);
        return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
    }

    public synchronized int accountCount() {
        return accounts.size();
    }

    public synchronized boolean hasAccount(String username) {
        return accounts.containsKey(username);
    }

    private void rebuild() {
        List<DirectoryUser> visible = new ArrayList<>(accounts.size());
        Map<String, DirectoryUser> byUsername = new HashMap<>(accounts.size() * 2);
        for (DirectoryUser u : accounts.values()) {
            if (!hidden.contains(u.username())) {
                visible.add(u);
                byUsername.put(u.username(), u);
            }
        }
        visible.sort(ORDER);
        snapshot = new Snapshot(List.copyOf(visible), Map.copyOf(byUsername), digest(visible));
    }

    private static String digest(List<DirectoryUser> visible) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (DirectoryUser u : visible) {
                sha.update(u.username().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(u.displayName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return java.util.HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private void notifyListeners(Change change) {
        for (Consumer<Change> listener : listeners) {
            listener.accept(change);
        }
    }
}
