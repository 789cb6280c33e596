package org.domainchat.webmail.live;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * Live webmail chat for every user: the chosen status (remembered), the webmail resource that exists while the
 * status is not Offline and the user is there, and the event streams. A user is "there" while an event stream is
 * open or an API call came within {@link LiveSettings#streamGrace()}; after that the resource goes unavailable and
 * comes back with the remembered status on the user's next stream or call.
 *
 * <p>One thread, started by {@link #start()} and stopped by {@link #close()}, closes resources of users who left and
 * sends stream heartbeats.
 */
public final class WebmailLive implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebmailLive.class);
    static final long REAP_EVERY_MS = 5_000;
    static final long HEARTBEAT_EVERY_MS = 15_000;
    static final int MAX_STATUS_TEXT = 1024;
    /** The XEP-0085 chat states {@link #typing} sends. */
    public static final java.util.List<String> CHAT_STATES = StanzaEvents.STATES;

    /** Where a request comes from: the user's language and address, for the server's session. */
    public record Context(Locale locale, String clientAddress) {
    }

    /** An open stream; closing it detaches the stream. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** A user asked to chat while their webmail status is Offline. */
    public static final class OfflineException extends Exception {
        public OfflineException() {
            super("Your webmail chat status is Offline; choose Available, Away or Busy to chat.", null, false, false);
        }
    }

    /** Too many event streams are open on this server. */
    public static final class TooManyStreamsException extends Exception {
        public TooManyStreamsException() {
            super("Too many chat event streams are open on this server; try again shortly.", null, false, false);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final XmppLinks links;
    private final StatusMemory memory;
    private final ContactStatuses statuses;
    private final Predicate<String> isAlias;
    private final String domain;
    private final LiveSettings settings;
    private final LongSupplier clock;
    private final Map<String, LiveUser> users = new ConcurrentHashMap<>();
    private final AtomicInteger streamCount = new AtomicInteger();
    private ScheduledExecutorService timer;
    private volatile boolean running;

    public WebmailLive(XmppLinks links, StatusMemory memory, ContactStatuses statuses, Predicate<String> isAlias,
                       String domain, LiveSettings settings, LongSupplier clock) {
        this.links = links;
        this.memory = memory;
        this.statuses = statuses;
        this.isAlias = isAlias;
        this.domain = domain;
        this.settings = settings;
        this.clock = clock;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "domainchat-webmail-live");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(guarded(this::reap), REAP_EVERY_MS, REAP_EVERY_MS, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(guarded(this::heartbeat), HEARTBEAT_EVERY_MS, HEARTBEAT_EVERY_MS,
                TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Ends every stream and takes every webmail resource offline, then stops the thread. */
    @Override
    public synchronized void close() {
        running = false;
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
        for (LiveUser user : users.values()) {
            for (EventListener stream : user.streams()) {
                user.detach(stream);
                stream.end();
            }
            user.lock().lock();
            try {
                user.closeLink("shutdown");
            } catch (RuntimeException e) {
                LOG.warn("domainchat webmail: could not close the webmail resource of {}", user.bareJid, e);
            } finally {
                user.lock().unlock();
            }
        }
        users.clear();
        streamCount.set(0);
    }

    public boolean isRunning() {
        return running;
    }

    /**
     * The user's chosen status, and whether their webmail resource is online now. Looking is not being there: a
     * webmail server reading this for a badge neither opens the resource nor keeps it open.
     */
    public JSONObject status(String username) {
        return user(username).statusJson();
    }

    /** The status webmail shows for the user: their choice (Offline means every contact is shown unavailable). */
    public WebmailStatus chosenStatus(String username) {
        LiveUser user = users.get(username);
        if (user != null) {
            return user.chosen().status();
        }
        return memory.recall(username).map(StatusMemory.Chosen::status).orElse(WebmailStatus.AVAILABLE);
    }

    /**
     * Chooses a status: remembered at once, then the webmail resource follows (opened, re-announced, or closed for
     * Offline). The user's other resources are never touched.
     *
     * @throws LinkException when the resource could not be opened; the choice is remembered anyway
     */
    public JSONObject setStatus(String username, WebmailStatus status, String text, Context context)
            throws LinkException {
        LiveUser user = user(username);
        user.touch(clock.getAsLong());
        StatusMemory.Chosen choice = new StatusMemory.Chosen(status, clean(text));
        boolean announceOffline = false;
        user.lock().lock();
        try {
            user.choose(choice);
            memory.remember(username, choice);
            if (status == WebmailStatus.OFFLINE) {
                // With a resource, its close notice tells the streams; without one, nothing else will.
                announceOffline = user.link() == null;
                user.closeLink("offline");
            } else {
                XmppLink link = user.link();
                if (link == null) {
                    user.open(links, context);
                } else {
                    link.announce(status, choice.text());
                    user.publish("status", user.statusJson().put("reason", JSONObject.NULL));
                }
            }
        } finally {
            user.lock().unlock();
        }
        JSONObject now = user.statusJson();
        if (announceOffline) {
            user.publish("status", new JSONObject(now.toString()).put("reason", "offline"));
        }
        return now;
    }

    /**
     * Sends a chat message as the user's webmail resource, opening it first when the user came back. The message
     * is then an ordinary client message: archived, carbon-copied to the user's other clients, routed by the
     * server's rules (aliases included).
     *
     * @return the message's client id, and what became of it
     */
    public Sent send(String username, JID to, String body, Context context) throws LinkException, OfflineException {
        Message message = chat(to);
        message.setBody(body);
        LiveUser user = user(username);
        XmppLink.SendOutcome outcome = routed(user, message, context);
        if (outcome instanceof XmppLink.SendOutcome.Sent) {
            long at = clock.getAsLong();
            // The user's other tabs learn of it here; their other clients get a carbon from the server.
            user.publish("message", new JSONObject().put("id", JSONObject.NULL).put("clientId", message.getID())
                    .put("with", to.toBareJID()).put("from", user.bareJid).put("to", to.toBareJID())
                    .put("outgoing", true).put("body", body).put("viaAlias", isAlias.test(to.toBareJID()))
                    .put("carbon", false).put("sentAt", java.time.Instant.ofEpochMilli(at).toString())
                    .put("sentAtMillis", at));
        }
        return new Sent(message.getID(), outcome);
    }

    /** A sent message's id ({@code wm-...}, also its XMPP stanza id) and outcome. */
    public record Sent(String clientId, XmppLink.SendOutcome outcome) {
    }

    /** Sends an XEP-0085 chat state ({@code composing}, {@code paused}, ...) to {@code to}. */
    public XmppLink.SendOutcome typing(String username, JID to, String state, Context context)
            throws LinkException, OfflineException {
        if (!CHAT_STATES.contains(state)) {
            throw new IllegalArgumentException("not a chat state: " + state);
        }
        Message message = chat(to);
        message.getElement().addElement(state, StanzaEvents.CHAT_STATES);
        // No body and a no-store hint: a typing notice is not a message to keep (XEP-0334).
        message.getElement().addElement("no-store", "urn:xmpp:hints");
        return routed(user(username), message, context);
    }

    private XmppLink.SendOutcome routed(LiveUser user, Message message, Context context)
            throws LinkException, OfflineException {
        user.touch(clock.getAsLong());
        XmppLink link;
        user.lock().lock();
        try {
            if (user.chosen().status() == WebmailStatus.OFFLINE) {
                throw new OfflineException();
            }
            link = user.link();
            if (link == null) {
                link = user.open(links, context);
            }
        } finally {
            user.lock().unlock();
        }
        if (link == null) {
            return new XmppLink.SendOutcome.Closed();
        }
        return link.send(message);
    }

    /**
     * Opens an event stream for the user: what it missed since {@code lastEventId} first (or a {@code reset}), then
     * everything new. The webmail resource comes back with the remembered status when it was gone; if that fails,
     * the stream still opens and says so in a {@code status} event.
     */
    public Subscription subscribe(String username, String lastEventId, Context context, EventListener stream)
            throws TooManyStreamsException {
        if (streamCount.incrementAndGet() > settings.maxStreams()) {
            streamCount.decrementAndGet();
            throw new TooManyStreamsException();
        }
        LiveUser user = user(username);
        user.touch(clock.getAsLong());
        user.attach(stream, lastEventId);
        user.lock().lock();
        try {
            if (user.chosen().status() != WebmailStatus.OFFLINE && user.link() == null) {
                user.open(links, context);
            }
        } catch (LinkException e) {
            user.publish("status", user.statusJson().put("reason", e.kind().name().toLowerCase(Locale.ROOT)));
        } finally {
            user.lock().unlock();
        }
        return new Subscription() {
            private boolean closed;

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    user.detach(stream);
                    user.touch(clock.getAsLong()); // the grace period starts when the last stream goes
                    streamCount.decrementAndGet();
                }
            }
        };
    }

    /** Publishes an event to the user's streams (e.g. {@code read} from another tab); nothing if none is live. */
    public void publish(String username, String type, JSONObject data) {
        LiveUser user = users.get(username);
        if (user != null) {
            user.publish(type, data);
        }
    }

    /** Publishes an event to every live user {@code who} accepts (e.g. a contact list change they can see). */
    public void publishToAll(String type, JSONObject data, Predicate<String> who) {
        for (LiveUser user : users.values()) {
            if (who.test(user.username)) {
                user.publish(type, data);
            }
        }
    }

    /** Publishes to each live user the event {@code dataFor} gives them; null skips the user. */
    public void publishEach(String type, java.util.function.Function<String, JSONObject> dataFor) {
        for (LiveUser user : users.values()) {
            JSONObject data = dataFor.apply(user.username);
            if (data != null) {
                user.publish(type, data);
            }
        }
    }

    /** Open event streams, all users together. */
    public int streamCount() {
        return streamCount.get();
    }

    /** Open webmail resources. */
    public int resourceCount() {
        int n = 0;
        for (LiveUser user : users.values()) {
            if (user.link() != null) {
                n++;
            }
        }
        return n;
    }

    /** Closes the resources of users with no stream and no call for the grace period; forgets long-gone users. */
    void reap() {
        long now = clock.getAsLong();
        long grace = settings.streamGrace().toMillis();
        for (LiveUser user : users.values()) {
            if (!user.streams().isEmpty() || now - user.lastSeen() < grace) {
                continue;
            }
            user.lock().lock();
            try {
                if (user.streams().isEmpty() && now - user.lastSeen() >= grace) {
                    if (user.link() != null) {
                        user.closeLink("idle");
                    } else if (now - user.lastSeen() >= 2 * grace) {
                        users.remove(user.username, user);
                    }
                }
            } finally {
                user.lock().unlock();
            }
        }
    }

    void heartbeat() {
        for (LiveUser user : users.values()) {
            for (EventListener stream : user.streams()) {
                stream.heartbeat();
            }
        }
    }

    private LiveUser user(String username) {
        return users.computeIfAbsent(username, u -> {
            String bare = u + "@" + domain;
            StatusMemory.Chosen chosen = memory.recall(u)
                    .orElse(new StatusMemory.Chosen(WebmailStatus.AVAILABLE, ""));
            return new LiveUser(u, bare, chosen, settings.eventBuffer(), new StanzaEvents(bare, isAlias, clock),
                    statuses, clock.getAsLong());
        });
    }

    private static Message chat(JID to) {
        Message message = new Message();
        message.setType(Message.Type.chat);
        message.setTo(to);
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        message.setID("wm-" + Base64.getUrlEncoder().withoutPadding().encodeToString(id));
        return message;
    }

    /** A status text as a presence may carry it: no control characters, at most {@value #MAX_STATUS_TEXT} chars. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        String stripped = text.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").strip();
        if (stripped.length() > MAX_STATUS_TEXT) {
            int end = MAX_STATUS_TEXT;
            if (Character.isHighSurrogate(stripped.charAt(end - 1))) {
                end--;
            }
            stripped = stripped.substring(0, end);
        }
        return stripped;
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("domainchat webmail: background task failed", e);
            }
        };
    }

    /** Users known right now (for tests and figures). */
    Set<String> liveUsers() {
        return users.keySet();
    }
}
