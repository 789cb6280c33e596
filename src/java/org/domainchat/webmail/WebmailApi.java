package org.domainchat.webmail;

import java.security.SecureRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import javax.servlet.http.HttpServlet;

import org.domainchat.webmail.live.WebmailLive;

/**
 * The webmail JSON API, assembled from its ports and settings. It runs no thread: sessions and rate limits are
 * swept lazily. Openfire's adapter mounts {@link #servlet()} on the public HTTP ports:
 *
 * <pre>{@code
 * ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
 * context.setContextPath(WebmailApi.BASE_PATH);
 * context.addServlet(new ServletHolder(api.servlet()), "/*");
 * HttpBindManager.getInstance().addJettyHandler(context);
 * api.start();
 * // unloading: api.stop(); HttpBindManager.getInstance().removeJettyHandler(context);
 * }</pre>
 *
 * Before {@link #start()} and after {@link #stop()} every request is answered 503 {@code api-stopped}; stopping
 * ends every session.
 */
public final class WebmailApi {

    public static final String BASE_PATH = "/domainchat/api/v1";

    /** Users kept in the send-rate table at most (see {@link TokenBuckets}). */
    private static final int MAX_RATE_KEYS = 100_000;

    /**
     * What the API needs from the server.
     *
     * @param chatActivated false while chat is not activated for the domain: every endpoint then answers 403
     * @param contacts      what the contact list, contact details and unread counts read
     * @param aliases       the alias book and account check behind {@code /admin/aliases}
     */
    public record Ports(ChatArchive archive, UserDirectory users, CredentialCheck credentials,
                        BooleanSupplier chatActivated, WebmailLive live, Contacts contacts, AliasAdmin aliases) {
    }

    private final SessionTokens sessions;
    private final LoginThrottle throttle;
    private final TokenBuckets sendRate;
    private final ApiServlet servlet;
    private final StreamTickets tickets;
    private final WebmailLive live;
    private final SseWriters writers = new SseWriters();
    private volatile boolean running;

    public WebmailApi(Ports ports, WebmailSettings settings) {
        this(ports, settings, System::currentTimeMillis, router -> {
        });
    }

    /** With a clock to test expiry, and extra routes (how tests reach the access levels no endpoint uses yet). */
    WebmailApi(Ports ports, WebmailSettings settings, LongSupplier clock, Consumer<Router> extraRoutes) {
        sessions = new SessionTokens(settings, clock, new SecureRandom());
        throttle = new LoginThrottle(settings, clock);
        sendRate = new TokenBuckets(MAX_RATE_KEYS);
        Authenticator authenticator = new Authenticator(ports.users(), ports.credentials(), sessions,
                new BackendTokens(settings, clock), throttle);
        Router router = new Router();
        new SessionEndpoints(authenticator, sessions, settings).register(router);
        new ArchiveEndpoints(ports.archive()).register(router);
        tickets = new StreamTickets(clock, settings::maxTicketsPerUser);
        live = ports.live();
        new LiveEndpoints(live, authenticator, tickets, writers::execute, new StreamQuota(), settings)
                .register(router);
        new ContactEndpoints(ports.contacts()).register(router);
        new AliasEndpoints(ports.aliases()).register(router);
        extraRoutes.accept(router);
        servlet = new ApiServlet(router, authenticator, settings, () -> running, ports.chatActivated(), sendRate,
                clock);
    }

    /** The servlet that answers every request under {@link #BASE_PATH}; mount it at {@code /*}. */
    public HttpServlet servlet() {
        return servlet;
    }

    /** Starts the event stream writers and the live core's thread, then answers. */
    public void start() {
        writers.start();
        live.start();
        running = true;
    }

    /**
     * Stops answering, ends every event stream and takes every webmail resource offline, stops the threads, and
     * forgets every session and rate-limit count.
     */
    public void stop() {
        running = false;
        live.close();
        writers.stop();
        tickets.clear();
        sessions.clear();
        throttle.clear();
        sendRate.clear();
    }

    public boolean isRunning() {
        return running;
    }

    /** Live session tokens (for status figures). */
    public int sessionCount() {
        return sessions.size();
    }
}
