package org.domainchat.webmail.live;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * The server side of webmail resources as plain objects: records what each link announced and sent, and lets a test
 * deliver stanzas to a resource or close it as the server would (an admin kick, a conflict).
 */
public final class FakeLinks implements XmppLinks {

    /** One announcement: a status and its text. */
    public record Announced(WebmailStatus status, String text) {
    }

    public final class Link implements XmppLink {
        public final String username;
        public final String address;
        public final Locale locale;
        public final String clientAddress;
        public final List<Announced> announced = new CopyOnWriteArrayList<>();
        public final List<Message> sent = new CopyOnWriteArrayList<>();
        private final Inbound inbound;
        private volatile String closedFor;

        Link(String username, String address, Locale locale, String clientAddress, Inbound inbound) {
            this.username = username;
            this.address = address;
            this.locale = locale;
            this.clientAddress = clientAddress;
            this.inbound = inbound;
        }

        @Override
        public String address() {
            return address;
        }

        @Override
        public void announce(WebmailStatus status, String statusText) {
            if (closedFor != null) {
                throw new IllegalStateException("announce on a closed link");
            }
            announced.add(new Announced(status, statusText));
        }

        @Override
        public SendOutcome send(Message message) {
            if (closedFor != null) {
                return new SendOutcome.Closed();
            }
            Message copy = message.createCopy();
            copy.setFrom(address);
            sent.add(copy);
            return onSend.apply(copy);
        }

        @Override
        public void close(String reason) {
            closedBy(reason);
        }

        /** The server ends the session (kick, conflict, shutdown). */
        public void closedBy(String reason) {
            synchronized (this) {
                if (closedFor != null) {
                    return;
                }
                closedFor = reason;
            }
            inbound.closed(reason);
        }

        @Override
        public boolean isOpen() {
            return closedFor == null;
        }

        public String closedFor() {
            return closedFor;
        }

        /** The server delivers a stanza to this resource (the link hands over its own copy, as the real one does). */
        public void deliver(Packet packet) {
            inbound.deliver(packet.createCopy());
        }
    }

    public final List<Link> opened = new CopyOnWriteArrayList<>();
    private final Map<String, Link> current = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** Thrown by the next open, once. */
    public volatile LinkException failNext;
    /** What each send comes to; sent by default. */
    public volatile Function<Message, XmppLink.SendOutcome> onSend = m -> new XmppLink.SendOutcome.Sent();

    @Override
    public XmppLink open(String username, WebmailStatus status, String statusText, Locale locale,
                         String clientAddress, Inbound inbound) throws LinkException {
        if (status == WebmailStatus.OFFLINE) {
            throw new AssertionError("a webmail resource must never be opened Offline");
        }
        LinkException failure = failNext;
        if (failure != null) {
            failNext = null;
            throw failure;
        }
        Link link = new Link(username, username + "@example.com/webmail-" + ids.incrementAndGet(), locale,
                clientAddress, inbound);
        link.announced.add(new Announced(status, statusText));
        opened.add(link);
        current.put(username, link);
        return link;
    }

    /** The user's newest link, open or not. */
    public Optional<Link> of(String username) {
        return Optional.ofNullable(current.get(username));
    }

    public Link open(String username) {
        Link link = current.get(username);
        if (link == null || !link.isOpen()) {
            throw new AssertionError(username + " has no open webmail resource");
        }
        return link;
    }

    public long openCount() {
        return opened.stream().filter(Link::isOpen).count();
    }
}
