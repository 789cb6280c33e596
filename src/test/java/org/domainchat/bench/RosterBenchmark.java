package org.domainchat.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.dom4j.Element;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.domainchat.directory.RosterEntry;
import org.domainchat.directory.RosterIq;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * Server time for a login's roster on a 1,000 and a 10,000 user domain: build it from the directory, merge the
 * user's own 50 items, leave out the 25 colleagues the user removed from their roster, write the result IQ and
 * serialise it as it goes on the wire. Cold is the first roster after
 * the directory is loaded; warm is the median of later ones. Beside it, the raw limit measured in the same run:
 * dom4j writing the same number of prebuilt items, no merge. Prints figures, never pass/fail.
 *
 * <pre>mvn -Pbenchmark verify</pre>   (runs after the archive benchmark)
 */
public final class RosterBenchmark {

    private RosterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("==== domainchat roster and presence benchmark ====");
        for (int users : new int[]{1_000, 10_000}) {
            run(users);
        }
        fanout(10_000, 1_000);
    }

    /**
     * One presence change on a domain of {@code users} accounts with {@code onlineCount} online (one resource each):
     * the time to copy, address and serialise a stanza for every online contact, as delivery would. Raw limit: the
     * same copies made in a bare loop over the same recipients, without the directory and online checks.
     */
    private static void fanout(int users, int onlineCount) throws Exception {
        List<DirectoryUser> accounts = new ArrayList<>(users);
        List<JID> resources = new ArrayList<>(onlineCount);
        for (int i = 0; i < users; i++) {
            String name = String.format(Locale.ROOT, "user%05d", i);
            accounts.add(new DirectoryUser(name, "User " + i));
            if (i < onlineCount) {
                resources.add(new JID(name + "@example.com/desk"));
            }
        }
        DomainDirectory directory = new DomainDirectory(accounts, List.of());
        java.util.Map<String, List<JID>> byUser = new java.util.HashMap<>();
        for (JID r : resources) {
            byUser.put(r.getNode(), List.of(r));
        }
        org.domainchat.presence.Online online = new org.domainchat.presence.Online() {
            @Override
            public java.util.Collection<String> usernames() {
                return byUser.keySet();
            }

            @Override
            public List<JID> resources(String username) {
                return byUser.getOrDefault(username, List.of());
            }

            @Override
            public org.xmpp.packet.Presence presenceOf(JID resource) {
                return null;
            }
        };
        long[] bytes = {0};
        org.domainchat.presence.PresenceFanout fanout = new org.domainchat.presence.PresenceFanout(
                directory::snapshot, online, (to, packet) -> bytes[0] += packet.toXML().length());
        org.xmpp.packet.Presence away = new org.xmpp.packet.Presence();
        away.setShow(org.xmpp.packet.Presence.Show.away);
        away.setStatus("Back in 10 minutes");
        JID from = new JID("user09999@example.com/phone");
        SideBySide.Timings t = SideBySide.measure(20, 200, () -> {
            int sent = fanout.broadcast(away, from, u -> false);
            if (sent != onlineCount) {
                throw new IllegalStateException("sent " + sent);
            }
        }, () -> {
            for (JID r : resources) {
                org.xmpp.packet.Presence copy = away.createCopy();
                copy.setFrom(from);
                copy.setTo(r);
                bytes[0] += copy.toXML().length();
            }
        });
        System.out.printf(Locale.ROOT, "presence fan-out to %,d online of %,d users: p50 %.2f ms, p99 %.2f ms | raw "
                        + "copy+address+serialise loop p50 %.2f ms | ratio %.2fx (target <= 100 ms)%n", onlineCount,
                users, t.oursMillis(0.50), t.oursMillis(0.99), t.rawMillis(0.50), t.ratio());
    }

    private static void run(int users) {
        List<DirectoryUser> accounts = new ArrayList<>(users);
        for (int i = 0; i < users; i++) {
            accounts.add(new DirectoryUser(String.format(Locale.ROOT, "user%05d", i), "User Nummer " + i));
        }
        List<RosterEntry> own = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String jid = i % 2 == 0 ? String.format(Locale.ROOT, "user%05d@example.com", i * 7)
                    : "friend" + i + "@other.org";
            own.add(new RosterEntry(jid, "Friend " + i, List.of("Friends"), "both", null, false));
        }
        long t0 = System.nanoTime();
        DomainDirectory directory = new DomainDirectory(accounts, List.of("user00001"));
        long load = System.nanoTime() - t0;
        long cold = login(directory, own, REMOVED);
        long[] warm = new long[200];
        long[] noneRemoved = new long[200];
        for (int i = 0; i < warm.length; i++) {
            warm[i] = login(directory, own, REMOVED);
            noneRemoved[i] = login(directory, own, java.util.Set.of());
        }
        Arrays.sort(noneRemoved);
        long rawCold = raw(users + ALIAS_COUNT);
        long[] rawWarm = new long[200];
        for (int i = 0; i < rawWarm.length; i++) {
            rawWarm[i] = raw(users + ALIAS_COUNT);
        }
        Arrays.sort(warm);
        Arrays.sort(rawWarm);
        double warmMs = warm[warm.length / 2] / 1e6;
        double rawMs = rawWarm[rawWarm.length / 2] / 1e6;
        System.out.printf(Locale.ROOT, "roster %,6d users   directory load %.1f ms | cold %.1f ms | warm p50 %.2f ms, "
                        + "p99 %.2f ms | raw dom4j same items: cold %.1f ms, warm p50 %.2f ms | warm ratio %.2fx "
                        + "(target <= 100 ms server time) | with no contact removed: warm p50 %.2f ms%n", users,
                load / 1e6, cold / 1e6, warmMs, warm[(int) (warm.length * 0.99)] / 1e6, rawCold / 1e6, rawMs,
                warmMs / rawMs, noneRemoved[noneRemoved.length / 2] / 1e6);
    }

    /** Twenty aliases, half of them visible to members only, as the roster handler sees them. */
    private static final org.domainchat.alias.AliasBook.View ALIASES = aliases();

    private static org.domainchat.alias.AliasBook.View aliases() {
        java.util.Map<String, org.domainchat.alias.AliasBook.Entry> byName = new java.util.TreeMap<>();
        for (int i = 0; i < ALIAS_COUNT; i++) {
            java.util.Set<String> members = java.util.Set.of(String.format(Locale.ROOT, "user%05d", i),
                    String.format(Locale.ROOT, "user%05d", i + 42));
            org.domainchat.alias.Alias alias = new org.domainchat.alias.Alias("team" + i, "Team " + i, members, null,
                    true, i % 2 == 0 ? org.domainchat.alias.Alias.Visibility.ALL
                    : org.domainchat.alias.Alias.Visibility.MEMBERS, false);
            byName.put(alias.name(), new org.domainchat.alias.AliasBook.Entry(alias, members));
        }
        return new org.domainchat.alias.AliasBook.View(byName, "bench");
    }

    private static final int ALIAS_COUNT = 20;

    /** The colleagues user00042 removed from their roster (issue 14): left out of every roster they get. */
    private static final java.util.Set<String> REMOVED = removed();

    private static java.util.Set<String> removed() {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (int i = 0; i < 25; i++) {
            out.add(String.format(Locale.ROOT, "user%05d", 100 + i * 13));
        }
        return java.util.Set.copyOf(out);
    }

    /** What the server does for one roster request: the production path (colleagues, aliases, own items, version). */
    private static long login(DomainDirectory directory, List<RosterEntry> own, java.util.Set<String> removed) {
        long t = System.nanoTime();
        IQ request = new IQ(IQ.Type.get, "r");
        request.setFrom(new JID("user00042@example.com/desk"));
        org.domainchat.directory.RosterRequests requests = new org.domainchat.directory.RosterRequests(
                new org.domainchat.directory.ContactRoster(directory::snapshot, () -> ALIASES, "example.com",
                        () -> "example.com", () -> "Aliases",
                        username -> username.equals("user00042") ? removed : java.util.Set.of()));
        String xml = requests.answerGet(request, "user00042", own, true).toXML();
        if (xml.length() < 10) {
            throw new IllegalStateException();
        }
        return System.nanoTime() - t;
    }

    private static long raw(int users) {
        String[] jids = new String[users];
        String[] names = new String[users];
        for (int i = 0; i < users; i++) {
            jids[i] = String.format(Locale.ROOT, "user%05d@example.com", i);
            names[i] = "User Nummer " + i;
        }
        long t = System.nanoTime();
        IQ result = new IQ(IQ.Type.result, "r");
        Element query = result.setChildElement("query", RosterIq.NAMESPACE);
        for (int i = 0; i < users; i++) {
            Element item = query.addElement("item").addAttribute("jid", jids[i]).addAttribute("name", names[i])
                    .addAttribute("subscription", "both");
            item.addElement("group").setText("example.com");
        }
        String xml = result.toXML();
        if (xml.length() < 10) {
            throw new IllegalStateException();
        }
        return System.nanoTime() - t;
    }
}
