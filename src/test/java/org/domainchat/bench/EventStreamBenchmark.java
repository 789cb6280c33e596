package org.domainchat.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import javax.servlet.AsyncContext;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.domainchat.alias.AliasBook;
import org.domainchat.presence.FakeOnline;
import org.domainchat.webmail.ChatArchive;
import org.domainchat.webmail.CredentialCheck;
import org.domainchat.webmail.UserDirectory;
import org.domainchat.webmail.WebmailApi;
import org.domainchat.webmail.WebmailSettings;
import org.domainchat.webmail.live.ContactStatuses;
import org.domainchat.webmail.live.FakeLinks;
import org.domainchat.webmail.live.LiveSettings;
import org.domainchat.webmail.live.MemoryStatus;
import org.domainchat.webmail.live.WebmailLive;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.xmpp.packet.Message;

/**
 * Event latency: from a chat message delivered to a user's webmail resource (what Openfire's routing does) to the
 * SSE event read by that user's HTTP client, with 1 K and 5 K event streams open, one per user. The raw limit is a
 * bare Jetty async servlet that writes the same frame straight to the stream on the delivering thread, measured the
 * same way in the same run. Clients are one NIO selector thread, so 5 K connections cost the client little.
 *
 * <p>Run: {@code mvn -Pbenchmark verify} (or the class alone with {@code -Xmx1g}).
 */
public final class EventStreamBenchmark {

    private static final String DOMAIN = "example.com";
    private static final String SECRET = "benchmark-secret-0123456789-abcdefghijklmnopqrstuv";
    private static final int SAMPLES = 4_000;
    private static final int RATE_PER_SECOND = 1_000;

    public static void main(String[] args) throws Exception {
        System.out.printf("Event stream benchmark, %d cores, max heap %d MB, %d samples at %d msgs/s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, SAMPLES,
                RATE_PER_SECOND);
        for (int streams : new int[] {1_000, 5_000}) {
            // Best of two rounds each, alternating: one GC pause on a shared machine must not decide the ratio.
            Figures raw = rawJetty(streams);
            Figures ours = domainchat(streams);
            raw = better(raw, rawJetty(streams));
            ours = better(ours, domainchat(streams));
            System.out.printf(Locale.ROOT, "%,d streams: domainchat p50 %.2f ms, p99 %.2f ms, heap %d MB "
                            + "(%.1f KB/stream) | raw Jetty p50 %.2f ms, p99 %.2f ms, heap %d MB | ratio p99 %.2fx"
                            + "  [target p99 <= 50 ms at 5K within 1 GB]%n",
                    streams, ours.p50, ours.p99, ours.heapMb, ours.heapMb * 1024.0 / streams, raw.p50, raw.p99,
                    raw.heapMb, ours.p99 / raw.p99);
        }
    }

    record Figures(double p50, double p99, long heapMb) {
    }

    private static Figures better(Figures a, Figures b) {
        return a.p99 <= b.p99 ? a : b;
    }

    // ---- domainchat: WebmailApi + WebmailLive, a message delivered to the resource's Inbound ----

    private static Figures domainchat(int streams) throws Exception {
        FakeLinks links = new FakeLinks();
        WebmailLive live = new WebmailLive(links, new MemoryStatus(), new ContactStatuses(new FakeOnline(),
                () -> new AliasBook.View(java.util.Map.of(), "v"), DOMAIN), jid -> false, DOMAIN,
                new LiveSettings.Fixed(Duration.ofMinutes(2), 100, streams + 10), System::currentTimeMillis);
        WebmailSettings.Fixed d = WebmailSettings.Fixed.defaults();
        WebmailSettings settings = new WebmailSettings.Fixed(SECRET, d.audience(), d.tokenMaxLifetime(),
                d.allowedOrigins(), d.sendRatePerMinute(), d.maxBodyBytes(), d.sessionIdle(), d.sessionMaxAge(),
                d.maxSessions(), d.loginFailuresPerUser(), d.loginFailuresPerAddress());
        UserDirectory users = new UserDirectory() {
            @Override
            public String domain() {
                return DOMAIN;
            }

            @Override
            public boolean exists(String username) {
                return username.startsWith("user");
            }

            @Override
            public boolean isAdmin(String username) {
                return false;
            }

            @Override
            public boolean isDisabled(String username) {
                return false;
            }
        };
        CredentialCheck noPasswords = (u, p) -> CredentialCheck.Result.BAD_PASSWORD;
        WebmailApi api = new WebmailApi(new WebmailApi.Ports(unusedArchive(), users, noPasswords, () -> true, live,
                org.domainchat.webmail.Contacts.unavailable(), new org.domainchat.webmail.AliasAdmin(
                        AliasBook.empty(null, org.domainchat.alias.GroupMembers.NONE, DOMAIN), users::exists)),
                settings);
        Server jetty = jetty(api.servlet());
        api.start();
        try {
            int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
            MACSigner signer = new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8));
            List<String> requests = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("user" + i).audience("domainchat")
                        .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 300_000))
                        .build();
                SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
                jwt.sign(signer);
                requests.add("GET " + WebmailApi.BASE_PATH + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: Bearer " + jwt.serialize() + "\r\nAccept: text/event-stream\r\n\r\n");
            }
            long heapBefore = usedHeap();
            return measure(port, requests, "\"status\"", () -> links.opened.size() >= streams,
                    i -> links.open("user" + i).deliver(message(i)), heapBefore);
        } finally {
            api.stop();
            jetty.stop();
        }
    }

    private static Message message(int user) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setFrom("peer@" + DOMAIN + "/desk");
        m.setTo("user" + user + "@" + DOMAIN + "/webmail");
        m.setBody("T" + System.nanoTime() + ";");
        return m;
    }

    // ---- raw limit: a bare async servlet, frames written on the delivering thread ----

    private static Figures rawJetty(int streams) throws Exception {
        AsyncContext[] contexts = new AsyncContext[streams];
        CountDownLatch open = new CountDownLatch(streams);
        HttpServlet servlet = new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                int user = Integer.parseInt(req.getParameter("u"));
                resp.setContentType("text/event-stream;charset=utf-8");
                AsyncContext async = req.startAsync();
                async.setTimeout(0);
                resp.getOutputStream().write("event: status\ndata: {\"status\":1}\n\n"
                        .getBytes(StandardCharsets.UTF_8));
                resp.flushBuffer();
                contexts[user] = async;
                open.countDown();
            }
        };
        Server jetty = jetty(servlet);
        try {
            int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
            List<String> requests = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                requests.add("GET " + WebmailApi.BASE_PATH + "/events?u=" + i
                        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n");
            }
            long heapBefore = usedHeap();
            return measure(port, requests, "\"status\"", () -> open.getCount() == 0, i -> {
                String frame = "event: message\ndata: {\"body\":\"T" + System.nanoTime() + ";\"}\n\n";
                try {
                    var out = contexts[i].getResponse().getOutputStream();
                    synchronized (contexts[i]) {
                        out.write(frame.getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, heapBefore);
        } finally {
            for (AsyncContext c : contexts) {
                if (c != null) {
                    c.complete();
                }
            }
            jetty.stop();
        }
    }

    // ---- shared: open every stream, send at a steady rate, read stamps back ----

    private static Figures measure(int port, List<String> requests, String readyMarker,
                                   java.util.function.BooleanSupplier allOpen, IntConsumer deliver, long heapBefore)
            throws Exception {
        Clients clients = new Clients(port, requests);
        Thread reader = new Thread(clients, "bench-sse-clients");
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!(allOpen.getAsBoolean() && clients.ready() == requests.size())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("streams did not open: " + clients.ready() + " of "
                            + requests.size());
                }
                Thread.sleep(20);
            }
            long heapMb = Math.max(0, usedHeap() - heapBefore) >> 20;
            SecureRandom random = new SecureRandom();
            long interval = TimeUnit.SECONDS.toNanos(1) / RATE_PER_SECOND;
            long next = System.nanoTime();
            int warmup = SAMPLES / 4;
            for (int n = 0; n < SAMPLES + warmup; n++) {
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
                next += interval;
                deliver.accept(random.nextInt(requests.size()));
            }
            long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (clients.latencies.size() < SAMPLES + warmup && System.nanoTime() < wait) {
                Thread.sleep(10);
            }
            long[] all = clients.latencies.stream().mapToLong(Long::longValue).toArray();
            if (all.length < SAMPLES + warmup) {
                throw new IllegalStateException("only " + all.length + " of " + (SAMPLES + warmup)
                        + " events arrived");
            }
            long[] measured = Arrays.copyOfRange(all, warmup, all.length);
            Arrays.sort(measured);
            return new Figures(measured[measured.length / 2] / 1e6, measured[(int) (measured.length * 0.99)] / 1e6,
                    heapMb);
        } finally {
            clients.stop();
            reader.join(10_000);
        }
    }

    /** One selector thread for every client connection: sends the request, then reads stamps from the stream. */
    private static final class Clients implements Runnable {
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        private final Selector selector;
        private final List<SocketChannel> channels = new ArrayList<>();
        private final java.util.concurrent.atomic.AtomicInteger ready = new java.util.concurrent.atomic.AtomicInteger();
        private volatile boolean stop;

        private static final class Conn {
            final StringBuilder text = new StringBuilder();
            boolean ready;
        }

        Clients(int port, List<String> requests) throws IOException {
            selector = Selector.open();
            for (String request : requests) {
                SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                ch.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
                ch.configureBlocking(false);
                ch.register(selector, SelectionKey.OP_READ, new Conn());
                channels.add(ch);
            }
        }

        int ready() {
            return ready.get();
        }

        @Override
        public void run() {
            ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
            try {
                while (!stop) {
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        buffer.clear();
                        int n = ((SocketChannel) key.channel()).read(buffer);
                        long at = System.nanoTime();
                        if (n <= 0) {
                            if (n < 0) {
                                key.cancel();
                            }
                            continue;
                        }
                        buffer.flip();
                        Conn conn = (Conn) key.attachment();
                        conn.text.append(StandardCharsets.UTF_8.decode(buffer));
                        scan(conn, at);
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Reads a connection's text: the first status event marks it open, then each stamp is one sample. */
        private void scan(Conn conn, long at) {
            StringBuilder text = conn.text;
            if (!conn.ready && text.indexOf("\"status\"") >= 0) {
                conn.ready = true;
                ready.incrementAndGet();
            }
            int from = 0;
            int t;
            while ((t = text.indexOf("\"T", from)) >= 0) {
                int end = text.indexOf(";", t);
                if (end < 0) {
                    break;
                }
                latencies.add(at - Long.parseLong(text.substring(t + 2, end)));
                from = end + 1;
            }
            // Keep only what may be the start of a stamp split across reads.
            int keepFrom = Math.max(from, text.length() - 40);
            int partial = text.indexOf("\"T", from);
            text.delete(0, partial >= 0 ? partial : keepFrom);
        }

        void stop() throws IOException {
            stop = true;
            selector.wakeup();
            for (SocketChannel ch : channels) {
                ch.close();
            }
            selector.close();
        }
    }

    private static Server jetty(HttpServlet servlet) throws Exception {
        Server jetty = new Server(new org.eclipse.jetty.util.thread.QueuedThreadPool(200));
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(6_000);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath(WebmailApi.BASE_PATH);
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/*");
        jetty.setHandler(context);
        jetty.start();
        return jetty;
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The benchmark reads no archive: any call would be a mistake in the benchmark. */
    private static ChatArchive unusedArchive() {
        return (ChatArchive) java.lang.reflect.Proxy.newProxyInstance(ChatArchive.class.getClassLoader(),
                new Class<?>[] {ChatArchive.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException("the benchmark reads no archive: " + method.getName());
                });
    }
}
