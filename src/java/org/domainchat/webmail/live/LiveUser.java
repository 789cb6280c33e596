package org.domainchat.webmail.live;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * One user's live webmail: the chosen status, the webmail resource while there is one, the open event streams and
 * the recent events they share. Opening, announcing and closing the resource happen under one lock; what the server
 * delivers never takes it.
 */
final class LiveUser {

    private static final Logger LOG = LoggerFactory.getLogger(LiveUser.class);

    final String username;
    final String bareJid;
    private final EventLog log;
    private final StanzaEvents stanzas;
    private final ContactStatuses statuses;
    private final Set<EventListener> streams = ConcurrentHashMap.newKeySet();
    /** The presence each contact was last shown with, so a stream hears only of real changes. */
    private final Map<String, String> shown = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile StatusMemory.Chosen chosen;
    private final AtomicReference<Attempt> current = new AtomicReference<>();
    private volatile long lastSeen;

    LiveUser(String username, String bareJid, StatusMemory.Chosen chosen, int eventBuffer, StanzaEvents stanzas,
             ContactStatuses statuses, long now) {
        this.username = username;
        this.bareJid = bareJid;
        this.chosen = chosen;
        this.log = new EventLog(eventBuffer);
        this.stanzas = stanzas;
        this.statuses = statuses;
        this.lastSeen = now;
    }

    /** One open (or opening) resource and where its stanzas go; a late call from an older one changes nothing. */
    private final class Attempt implements Inbound {
        volatile XmppLink link;

        @Override
        public void deliver(Packet copy) {
            try {
                if (copy instanceof Message m) {
                    stanzas.message(m).ifPresent(e -> publish(e.type(), e.data()));
                } else if (copy instanceof Presence p) {
                    contactPresence(p);
                }
            } catch (RuntimeException e) {
                // A stanza we cannot read must not disturb the server's delivery to the user's other resources.
                LOG.warn("domainchat webmail: could not read a stanza for {}", bareJid, e);
            }
        }

        @Override
        public void closed(String reason) {
            // No lock here: the server may report the close on its own thread while ours waits for the close.
            if (current.compareAndSet(this, null)) {
                shown.clear();
                publish("status", statusJson().put("reason", reason));
            }
        }
    }

    private void contactPresence(Presence p) {
        Optional<String> contact = stanzas.presenceContact(p);
        if (contact.isEmpty()) {
            return;
        }
        ContactStatuses.Shown status = statuses.of(contact.get(), username, p);
        String key = status.status().label() + "\n" + status.text();
        String before = shown.put(contact.get(), key);
        if (!key.equals(before)) {
            publish("presence", new JSONObject().put("jid", contact.get()).put("status", status.status().label())
                    .put("text", status.text()));
        }
    }

    ReentrantLock lock() {
        return lock;
    }

    StatusMemory.Chosen chosen() {
        return chosen;
    }

    void choose(StatusMemory.Chosen choice) {
        chosen = choice;
    }

    /** The open resource, or null. */
    XmppLink link() {
        Attempt a = current.get();
        XmppLink link = a == null ? null : a.link;
        return link != null && link.isOpen() ? link : null;
    }

    /** Opens the resource with the chosen status; the caller holds the lock and has checked it is not Offline. */
    XmppLink open(XmppLinks links, WebmailLive.Context context) throws LinkException {
        Attempt attempt = new Attempt();
        current.set(attempt);
        try {
            attempt.link = links.open(username, chosen.status(), chosen.text(), context.locale(),
                    context.clientAddress(), attempt);
        } catch (LinkException | RuntimeException e) {
            current.compareAndSet(attempt, null);
            throw e;
        }
        if (!attempt.link.isOpen()) { // closed by the server while we were still opening it
            return null;
        }
        publish("status", statusJson().put("reason", JSONObject.NULL));
        return attempt.link;
    }

    /** Closes the resource, if any; the caller holds the lock. Its close notice publishes the status event. */
    void closeLink(String reason) {
        Attempt a = current.get();
        if (a != null && a.link != null) {
            a.link.close(reason);
        }
    }

    JSONObject statusJson() {
        XmppLink link = link();
        StatusMemory.Chosen c = chosen;
        return new JSONObject().put("status", c.status().label()).put("text", c.text())
                .put("connected", link != null)
                .put("resource", link == null ? JSONObject.NULL : link.address());
    }

    /** Appends and fans out under one monitor, so every stream sees events in log order, each exactly once. */
    ChatEvent publish(String type, JSONObject data) {
        synchronized (streams) {
            ChatEvent event = log.append(type, data.toString());
            for (EventListener stream : streams) {
                stream.onEvent(event); // never blocks: streams queue
            }
            return event;
        }
    }

    /** Adds a stream and replays what it missed; false when its last id cannot be resumed (it gets a reset). */
    boolean attach(EventListener stream, String lastEventId) {
        synchronized (streams) {
            Optional<java.util.List<ChatEvent>> missed = log.after(lastEventId);
            if (missed.isPresent()) {
                missed.get().forEach(stream::onEvent);
            } else {
                // Not appended to the log: only this stream lost track. Its id resumes from here.
                stream.onEvent(new ChatEvent(log.lastId(), "reset", "{}"));
            }
            streams.add(stream);
            return missed.isPresent();
        }
    }

    void detach(EventListener stream) {
        synchronized (streams) {
            streams.remove(stream);
        }
    }

    Set<EventListener> streams() {
        return streams;
    }

    void touch(long now) {
        lastSeen = now;
    }

    long lastSeen() {
        return lastSeen;
    }
}
