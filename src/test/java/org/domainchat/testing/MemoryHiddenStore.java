package org.domainchat.testing;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.domainchat.directory.HiddenContacts;

/** The removed-contacts table as a map, with a switch that makes every write fail like an unreachable database. */
public final class MemoryHiddenStore implements HiddenContacts.Store {

    private final Map<String, Set<String>> rows = new HashMap<>();
    private volatile boolean failing;

    public void failing(boolean fail) {
        this.failing = fail;
    }

    public synchronized Set<String> rows(String username) {
        return Set.copyOf(rows.getOrDefault(username, Set.of()));
    }

    @Override
    public synchronized Map<String, Set<String>> loadAll() {
        Map<String, Set<String>> copy = new HashMap<>();
        rows.forEach((u, s) -> copy.put(u, new HashSet<>(s)));
        return copy;
    }

    @Override
    public synchronized void add(String username, String contact) throws SQLException {
        check();
        rows.computeIfAbsent(username, u -> new HashSet<>()).add(contact);
    }

    @Override
    public synchronized void remove(String username, String contact) throws SQLException {
        check();
        Set<String> set = rows.get(username);
        if (set != null) {
            set.remove(contact);
        }
    }

    @Override
    public synchronized void forget(String username) throws SQLException {
        check();
        rows.remove(username);
        rows.values().forEach(s -> s.remove(username));
    }

    private void check() throws SQLException {
        if (failing) {
            throw new SQLException("database unreachable", "08001");
        }
    }
}
