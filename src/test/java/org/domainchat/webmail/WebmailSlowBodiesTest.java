package org.domainchat.webmail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.domainchat.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that send their headers and then trickle their bodies hold no HTTP worker: others are answered meanwhile,
 * the trickling requests get 408 after the body timeout, and one address may have only so many bodies on the way.
 * The server has 24 worker threads, as Openfire's HTTP pool is bounded too (200 by default, against 250
 * trickling connections in the report).
 */
class WebmailSlowBodiesTest {

    private static final int WORKERS = 24;

    @TempDir
    Path data;
    private WebmailFixture f;
    private final List<RawHttp> tricklers = new ArrayList<>();
    private Thread trickler;
    private volatile boolean trickling = true;

    @BeforeEach
    void start() throws Exception {
        f = new WebmailFixture(data, router -> {
        }, UnaryOperator.identity(), WORKERS);
    }

    @AfterEach
    void stop() throws Exception {
        trickling = false;
        if (trickler != null) {
            trickler.join(10_000);
        }
        for (RawHttp t : tricklers) {
            t.close();
        }
        f.close();
    }

    /** Opens {@code n} POST /messages whose 1,000-byte bodies come one space a second, from {@code address}. */
    private void trickle(int n, String address, String token) throws IOException {
        for (int i = 0; i < n; i++) {
            RawHttp http = RawHttp.connect(f.base, address);
            http.sendHead("POST", "/messages", "Bearer " + token, 1000);
            http.send("{".getBytes(StandardCharsets.US_ASCII));
            tricklers.add(http);
        }
        if (trickler == null) {
            trickler = new Thread(() -> {
                while (trickling) {
                    for (RawHttp t : tricklers) {
                        try {
                            t.send(new byte[] {' '});
                        } catch (IOException e) {
                            // answered and closed by the server: nothing more to send there
                        }
                    }
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "test-trickler");
            trickler.setDaemon(true);
            trickler.start();
        }
    }

    @Test
    void tricklingBodiesHoldNoWorkerAndEndWith408() throws Exception {
        f.settings.bodyTimeout = Duration.ofSeconds(3);
        String alice = f.session("alice");
        String bob = f.session("bob");
        trickle(64, "127.0.0.1", alice);

        HttpResponse<String> status = f.get("/status", bob); // the client's own timeout is 20 s
        assertEquals(200, status.statusCode(), "another client is answered while 64 bodies trickle in");

        for (RawHttp t : tricklers) {
            RawHttp.Response r = t.read();
            assertEquals(408, r.status(), r.body());
            assertEquals("body-timeout", r.code());
            assertEquals("close", r.headers().get("connection"));
        }
        assertEquals(0, f.links.opened.stream().mapToInt(l -> l.sent.size()).sum(), "no half message was sent");
        assertEquals(200, f.get("/status", bob).statusCode());
    }

    @Test
    void anAddressMaySendOnlySoManyBodiesAtOnce() throws Exception {
        f.settings.maxBodiesPerAddress = 2;
        f.settings.bodyTimeout = Duration.ofSeconds(3);
        String alice = f.session("alice");
        trickle(2, "127.0.0.1", alice);
        // the server takes the two places when it starts reading their bodies, a moment after their headers went out
        ApiServlet servlet = (ApiServlet) f.api.servlet();
        Waits.until(Duration.ofSeconds(2), "both trickling bodies are being read",
                () -> servlet.bodiesInFlight("127.0.0.1") == 2);

        String message = "{\"to\": \"bob@example.com\", \"body\": \"hi\"}";
        RawHttp.Response third = RawHttp.exchange(f.base, "127.0.0.1", "POST", "/messages", "Bearer " + alice, message);
        assertEquals(429, third.status(), third.body());
        assertEquals("too-many-uploads", third.code());
        assertEquals(202, RawHttp.exchange(f.base, "127.0.0.2", "POST", "/messages", "Bearer " + alice, message)
                .status(), "another address is not affected");
        assertEquals(200, f.get("/status", alice).statusCode(), "requests without a body are not counted");

        for (RawHttp t : tricklers) {
            assertEquals(408, t.read().status());
        }
        assertEquals(202, RawHttp.exchange(f.base, "127.0.0.1", "POST", "/messages", "Bearer " + alice, message)
                .status(), "places are given back when bodies end");
    }
}
