package org.domainchat.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.domainchat.alias.AliasBook;
import org.domainchat.colleagues.Colleagues;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.domainchat.pep.PepEvent;
import org.domainchat.pep.PepItem;
import org.domainchat.pep.PepNotifications;
import org.domainchat.presence.Online;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;

/**
 * The cost of one PEP publish (a mood) on a 10,000 user domain with 2,000 users online, 1,000 of them with a client
 * whose capabilities ask for moods ({@code mood+notify}): domain chat picks the interested colleagues and copies,
 * addresses and serialises one notification for each, as delivery would. Beside it, the raw limit measured in the
 * same run: the bare loop that copies, addresses and serialises the same notification for the same 1,000
 * resources, with no selection at all. Then the server's shape: 16 handler threads publish at once and every
 * publish queues onto domain chat's one "domainchat-colleagues" thread, against the raw loop for the same number of
 * notifications. Prints figures, never pass/fail.
 *
 * <pre>mvn -Pbenchmark verify</pre>
 */
public final class PepBenchmark {

    private static final String MOOD = "http://jabber.org/protocol/mood";
    private static final int USERS = 10_000;
    private static final int INTERESTED = 1_000;
    private static final int ONLINE = 2_000;
    private static final int HANDLER_THREADS = 16;

    private PepBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("==== domainchat PEP notification benchmark ====");
        List<DirectoryUser> accounts = new ArrayList<>(USERS);
        Map<String, List<JID>> byUser = new HashMap<>();
        Set<JID> interested = new HashSet<>();
        List<JID> interestedList = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String name = String.format(Locale.ROOT, "user%05d", i);
            accounts.add(new DirectoryUser(name, "User " + i));
            if (i < ONLINE) {
                JID resource = new JID(name + "@example.com/phone");
                byUser.put(name, List.of(resource));
                if (i % 2 == 0) {
                    interested.add(resource);
                    interestedList.add(resource);
                }
            }
        }
        DomainDirectory directory = new DomainDirectory(accounts, List.of());
        Colleagues colleagues = new Colleagues(directory::snapshot, () -> new AliasBook.View(Map.of(), "-"),
                "example.com", () -> true);
        Online online = new Online() {
            @Override
            public Collection<String> usernames() {
                return byUser.keySet();
            }

            @Override
            public List<JID> resources(String username) {
                return byUser.getOrDefault(username, List.of());
            }

            @Override
            public Presence presenceOf(JID resource) {
                return null;
            }
        };
        AtomicLong bytes = new AtomicLong();
        PepNotifications notifications = new PepNotifications(colleagues, online,
                (resource, node) -> MOOD.equals(node) && interested.contains(resource),
                (to, packet) -> bytes.addAndGet(packet.toXML().length()));
        Element mood = DocumentHelper.parseText("<mood xmlns='" + MOOD + "'><happy/><text>Release day!</text>"
                + "</mood>").getRootElement();
        PepEvent event = new PepEvent(new JID("user09999@example.com"), MOOD, List.of(new PepItem("current", mood)),
                new JID("user09999@example.com/desk"), false, true, true, null);

        SideBySide.Timings t = SideBySide.measure(30, 200, () -> {
            int sent = notifications.publish(event, u -> false, u -> true);
            if (sent != INTERESTED) {
                throw new IllegalStateException("sent " + sent);
            }
        }, () -> rawLoop(event, interestedList, bytes));
        System.out.printf(Locale.ROOT, "one publish to %,d interested of %,d online colleagues (%,d users): p50 %.2f ms, "
                        + "p99 %.2f ms | raw copy+address+serialise loop p50 %.2f ms | ratio %.2fx%n", INTERESTED,
                ONLINE, USERS, t.oursMillis(0.50), t.oursMillis(0.99), t.rawMillis(0.50), t.ratio());

        serverShape(notifications, event, interestedList, bytes);
        System.out.printf(Locale.ROOT, "(%,d bytes serialised in all)%n", bytes.get());
    }

    /**
     * 16 threads publish at once, 10 publishes each (160 in all, 160,000 notifications); each publish is handed to
     * one single-threaded executor, as Openfire's pubsub listener hands it to domainchat-colleagues. Five attempts
     * after a warm-up, each beside the raw loop for the same stanzas; the medians are printed.
     */
    private static void serverShape(PepNotifications notifications, PepEvent event, List<JID> recipients,
                                    AtomicLong bytes) throws Exception {
        int perThread = 10;
        int attempts = 5;
        long[] oursTimes = new long[attempts];
        long[] rawTimes = new long[attempts];
        ExecutorService colleaguesThread = Executors.newSingleThreadExecutor();
        ExecutorService handlers = Executors.newFixedThreadPool(HANDLER_THREADS);
        try {
            for (int attempt = -1; attempt < attempts; attempt++) { // the first is a warm-up
                int total = HANDLER_THREADS * perThread;
                CountDownLatch done = new CountDownLatch(total);
                CountDownLatch start = new CountDownLatch(1);
                for (int h = 0; h < HANDLER_THREADS; h++) {
                    handlers.execute(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        for (int i = 0; i < perThread; i++) {
                            colleaguesThread.execute(() -> {
                                notifications.publish(event, u -> false, u -> true);
                                done.countDown();
                            });
                        }
                    });
                }
                long t = System.nanoTime();
                start.countDown();
                done.await();
                long ours = System.nanoTime() - t;
                long r = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    rawLoop(event, recipients, bytes);
                }
                long rawTotal = System.nanoTime() - r;
                if (attempt >= 0) {
                    oursTimes[attempt] = ours;
                    rawTimes[attempt] = rawTotal;
                }
            }
            Arrays.sort(oursTimes);
            Arrays.sort(rawTimes);
            long ours = oursTimes[attempts / 2];
            long rawTotal = rawTimes[attempts / 2];
            int total = HANDLER_THREADS * perThread;
            long notes = (long) total * recipients.size();
            System.out.printf(Locale.ROOT, "%d handler threads, %d publishes at once (%,d notifications), median of %d: "
                            + "%.0f ms, %,.0f notifications/s | raw loop, one thread, same stanzas: %.0f ms | ratio "
                            + "%.2fx%n", HANDLER_THREADS, total, notes, attempts, ours / 1e6, notes / (ours / 1e9),
                    rawTotal / 1e6, (double) ours / rawTotal);
        } finally {
            handlers.shutdownNow();
            colleaguesThread.shutdownNow();
        }
    }

    private static void rawLoop(PepEvent event, List<JID> recipients, AtomicLong bytes) {
        Message template = PepNotifications.notification(event);
        long n = 0;
        for (JID to : recipients) {
            Message copy = template.createCopy();
            copy.setTo(to);
            copy.setID(Long.toString(n++, 36));
            bytes.addAndGet(copy.toXML().length());
        }
    }
}
