package org.domainchat.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.dom4j.Element;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.domainchat.directory.DomainRoster;
import org.domainchat.directory.RosterEntry;
import org.domainchat.directory.RosterIq;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * Server time for a login's roster on a 1,000 and a 10,000 user domain: build it from the directory, merge the
 * user's own 50 items, write the result IQ and serialise it as it goes on the wire. Cold is the first roster after
 * the directory is loaded; warm is the median of later ones. Beside it, the raw limit measured in the same run:
 * dom4j writing the same number of prebuilt items, no merge. Prints figures, never pass/fail.
 *
 * <pre>mvn -Pbenchmark verify</pre>   (runs after the archive benchmark)
 */
public final class RosterBenchmark {

    private RosterBenchmark() {
    }

    public static void main(String[] args) {
        System.out.println("==== domainchat roster benchmark ====");
        for (int users : new int[]{1_000, 10_000}) {
            run(users);
        }
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
        long cold = login(directory, own);
        long[] warm = new long[200];
        for (int i = 0; i < warm.length; i++) {
            warm[i] = login(directory, own);
        }
        long rawCold = raw(users);
        long[] rawWarm = new long[200];
        for (int i = 0; i < rawWarm.length; i++) {
            rawWarm[i] = raw(users);
        }
        Arrays.sort(warm);
        Arrays.sort(rawWarm);
        double warmMs = warm[warm.length / 2] / 1e6;
        double rawMs = rawWarm[rawWarm.length / 2] / 1e6;
        System.out.printf(Locale.ROOT, "roster %,6d users   directory load %.1f ms | cold %.1f ms | warm p50 %.2f ms, "
                        + "p99 %.2f ms | raw dom4j same items: cold %.1f ms, warm p50 %.2f ms | warm ratio %.2fx "
                        + "(target <= 100 ms server time)%n", users, load / 1e6, cold / 1e6, warmMs,
                warm[(int) (warm.length * 0.99)] / 1e6, rawCold / 1e6, rawMs, warmMs / rawMs);
    }

    /** What the server does for one roster request: build, merge, write, serialise. */
    private static long login(DomainDirectory directory, List<RosterEntry> own) {
        long t = System.nanoTime();
        IQ request = new IQ(IQ.Type.get, "r");
        request.setFrom(new JID("user00042@example.com/desk"));
        DomainDirectory.Snapshot snapshot = directory.snapshot();
        List<RosterEntry> roster = DomainRoster.build("user00042", "example.com", "example.com", snapshot, own);
        String xml = RosterIq.result(request, roster, DomainRoster.version(snapshot, own, "example.com")).toXML();
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
