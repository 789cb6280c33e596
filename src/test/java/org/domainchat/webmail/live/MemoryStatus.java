package org.domainchat.webmail.live;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Remembered statuses in a map: what the user properties are in Openfire. */
public final class MemoryStatus implements StatusMemory {

    public final Map<String, Chosen> remembered = new ConcurrentHashMap<>();

    @Override
    public Optional<Chosen> recall(String username) {
        return Optional.ofNullable(remembered.get(username));
    }

    @Override
    public void remember(String username, Chosen chosen) {
        remembered.put(username, chosen);
    }
}
