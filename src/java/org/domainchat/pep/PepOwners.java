package org.domainchat.pep;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which users have a node of a given id in their personal eventing service: the few a colleague's client can get a
 * last item from when it announces its interest in that node, found without looking at every colleague's service.
 * Filled from Openfire's stored nodes at start and kept current from publishes; a node deleted since stays listed
 * until a lookup finds it gone.
 */
public final class PepOwners {

    private final Map<String, Set<String>> ownersByNode = new ConcurrentHashMap<>();

    /** Adds the stored nodes: each entry is an owner's username and one of their node ids. */
    public void addAll(Collection<Map.Entry<String, String>> ownerAndNode) {
        for (Map.Entry<String, String> e : ownerAndNode) {
            add(e.getKey(), e.getValue());
        }
    }

    public void add(String owner, String node) {
        ownersByNode.computeIfAbsent(node, n -> ConcurrentHashMap.newKeySet()).add(owner);
    }

    public void remove(String owner, String node) {
        Set<String> owners = ownersByNode.get(node);
        if (owners != null) {
            owners.remove(owner);
        }
    }

    /** The owners of a node with this id, as a copy. */
    public List<String> ownersOf(String node) {
        Set<String> owners = ownersByNode.get(node);
        return owners == null ? List.of() : List.copyOf(owners);
    }

    /** A user and everything they published is gone. */
    public void forget(String owner) {
        for (Set<String> owners : ownersByNode.values()) {
            owners.remove(owner);
        }
    }
}
