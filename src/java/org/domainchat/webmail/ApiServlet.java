package org.domainchat.webmail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import javax.servlet.AsyncContext;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole API as one servlet, mounted at {@code /*} under {@link WebmailApi#BASE_PATH}. Each request passes, in
 * this order: CORS (a listed origin or none), running and activation, the route (404/405), the body size (413) and
 * type (415), authentication for the route's access level, the send rate limit, and the handler. Whatever happens,
 * the answer is JSON; a fault of ours is logged with a reference and answered with that reference only.
 */
final class ApiServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    private static final byte[] NO_BODY = new byte[0];

    private final Router router;
    private final Cors cors;
    private final Authenticator authenticator;
    private final WebmailSettings settings;
    private final BooleanSupplier running;
    private final BooleanSupplier chatActivated;
    private final TokenBuckets sendRate;
    private final LongSupplier clock;
    private final BodyReader.InFlight inFlight = new BodyReader.InFlight();

    /** Request bodies from {@code address} being read now. */
    int bodiesInFlight(String address) {
        return inFlight.of(address);
    }

    ApiServlet(Router router, Authenticator authenticator, WebmailSettings settings, BooleanSupplier running,
               BooleanSupplier chatActivated, TokenBuckets sendRate, LongSupplier clock) {
        this.router = router;
        this.cors = new Cors(settings::allowedOrigins);
        this.authenticator = authenticator;
        this.settings = settings;
        this.running = running;
        this.chatActivated = chatActivated;
        this.sendRate = sendRate;
        this.clock = clock;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Where the API is mounted, known only while the container dispatches this request (not in read callbacks).
        int mountSegments = segments(request.getContextPath()) + segments(request.getServletPath());
        if (hasBody(request) && request.getContentLengthLong() <= settings.maxBodyBytes() && running.getAsBoolean()) {
            readBody(request, response, mountSegments);
            return;
        }
        respond(request, response, mountSegments, null, null);
    }

    /**
     * Reads the body without holding this thread, then answers on the container's thread that saw it complete;
     * 429 {@code too-many-uploads} at once when the address has too many bodies on the way, 408 {@code body-timeout}
     * when the body takes longer than {@link WebmailSettings#bodyTimeout()}.
     */
    private void readBody(HttpServletRequest request, HttpServletResponse response, int mountSegments)
            throws IOException {
        String address = request.getRemoteAddr();
        try {
            inFlight.take(address, settings.maxBodiesPerAddress());
        } catch (ApiError refused) {
            response.setHeader("Connection", "close"); // the body is not read
            write(response, Reply.error(refused), corsHeaders(request));
            return;
        }
        AsyncContext async;
        try {
            async = request.startAsync();
            BodyReader.start(async, settings.bodyTimeout().toMillis(), settings.maxBodyBytes(), inFlight, address,
                    new BodyReader.Outcome() {
                        @Override
                        public void read(byte[] body, AsyncContext context) {
                            answerAsync(request, response, mountSegments, body, context);
                        }

                        @Override
                        public void refused(ApiError why, AsyncContext context) {
                            try {
                                response.setHeader("Connection", "close"); // what is left of the body is not read
                                write(response, Reply.error(why), corsHeaders(request));
                            } catch (IOException | RuntimeException e) {
                                LOG.debug("domainchat webmail API: could not answer {}", why.code, e);
                            } finally {
                                complete(context);
                            }
                        }
                    });
        } catch (IOException | RuntimeException e) {
            inFlight.giveBack(address);
            throw e;
        }
    }

    private void answerAsync(HttpServletRequest request, HttpServletResponse response, int mountSegments,
                             byte[] body, AsyncContext async) {
        boolean streaming = false;
        try {
            streaming = respond(request, response, mountSegments, body, async);
        } catch (IOException | RuntimeException e) {
            LOG.debug("domainchat webmail API: could not answer {}", request.getRequestURI(), e);
        } finally {
            if (!streaming) {
                complete(async);
            }
        }
    }

    private static void complete(AsyncContext async) {
        try {
            async.complete();
        } catch (RuntimeException e) {
            // already completed
        }
    }

    private Map<String, String> corsHeaders(HttpServletRequest request) {
        try {
            return cors.headersFor(request);
        } catch (ApiError e) {
            return Map.of();
        }
    }

    /**
     * Answers the request.
     *
     * @param mountSegments path segments of where the API is mounted
     * @param body  the body, already read; null when it is still to be read (there is none, or it is refused)
     * @param async the request's asynchronous context when the body was read asynchronously, else null
     * @return true when the response became an event stream (it is completed by the stream)
     */
    private boolean respond(HttpServletRequest request, HttpServletResponse response, int mountSegments,
                            byte[] body, AsyncContext async) throws IOException {
        Map<String, String> corsHeaders = Map.of();
        Reply reply;
        try {
            corsHeaders = cors.headersFor(request);
            reply = handle(request, mountSegments, body);
        } catch (ApiError e) {
            reply = Reply.error(e);
        } catch (Exception e) {
            String reference = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            LOG.error("domainchat webmail API: {} {} failed (reference {})", request.getMethod(),
                    request.getRequestURI(), reference, e);
            reply = Reply.serverFault(reference);
        }
        if (body == null && !drained(request, settings.maxBodyBytes())) {
            // A body left on the wire would be read as the next request: close instead of reusing the connection.
            response.setHeader("Connection", "close");
        }
        if (reply.stream() != null) {
            stream(request, response, async, reply.stream(), reply.notOpened(), corsHeaders);
            return true;
        }
        write(response, reply, corsHeaders);
        return false;
    }

    /** A body is on its way: a declared length, or chunks. */
    private static boolean hasBody(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        return declared > 0 || declared < 0 && request.getHeader("Transfer-Encoding") != null;
    }

    /**
     * Commits the headers of an event stream and hands the response over. No timeout: Jetty's default 30 s would
     * end every stream; heartbeats keep idle connections open and tell us when a browser is gone.
     */
    private static void stream(HttpServletRequest request, HttpServletResponse response, AsyncContext started,
                               Reply.StreamOpener opener, Runnable notOpened, Map<String, String> corsHeaders)
            throws IOException {
        response.setStatus(200);
        corsHeaders.forEach(response::setHeader);
        response.setHeader("Vary", "Origin");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        // nginx buffers responses unless told otherwise, which would hold events back.
        response.setHeader("X-Accel-Buffering", "no");
        response.setContentType("text/event-stream;charset=utf-8");
        AsyncContext async;
        try {
            async = started != null ? started : request.startAsync();
            async.setTimeout(0);
            response.flushBuffer();
        } catch (IOException | RuntimeException e) {
            notOpened.run();
            throw e;
        }
        try {
            opener.open(async);
        } catch (IOException | RuntimeException e) {
            LOG.warn("domainchat webmail API: an event stream could not be opened", e);
            async.complete();
        }
    }

    /**
     * Reads what is left of the request body when the answer came before it was read (an error), up to the body
     * limit; false when that is not possible.
     */
    private static boolean drained(HttpServletRequest request, int max) {
        long declared = request.getContentLengthLong();
        if (declared == 0) {
            return true;
        }
        if (declared > max) {
            return false;
        }
        try {
            return request.getInputStream().readNBytes(max + 1).length <= max;
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }

    private Reply handle(HttpServletRequest request, int mountSegments, byte[] readBody) throws Exception {
        if (!running.getAsBoolean()) {
            throw ApiError.unavailable("api-stopped", "The chat API is not running.", 30);
        }
        if (Cors.isPreflight(request)) {
            return Cors.preflight(); // not an endpoint: the real request that follows gets the real answer
        }
        if (!chatActivated.getAsBoolean()) {
            throw ApiError.chatNotActivated();
        }
        Router.Match match = router.match(request.getMethod(),
                UriText.pathSegments(request.getRequestURI(), mountSegments));
        Map<String, List<String>> query = UriText.query(request.getQueryString());
        byte[] body = readBody != null ? checked(request, readBody) : body(request);
        String address = request.getRemoteAddr();
        Router.Route route = match.route();
        Caller caller = switch (route.access()) {
            case PUBLIC -> null;
            case USER -> authenticator.user(request);
            case ADMIN -> authenticator.admin(request, address);
        };
        if (route.limit() == Router.Limit.SEND) {
            checkSendRate(caller);
        }
        return route.handler().handle(new ApiRequest(request, caller, match.params(), query, body, address));
    }

    private void checkSendRate(Caller caller) {
        int perMinute = Math.max(1, settings.sendRatePerMinute());
        long wait = sendRate.tryTake(caller.username(), perMinute, Duration.ofMinutes(1), clock.getAsLong());
        if (wait > 0) {
            throw ApiError.tooManyRequests("rate-limited", "You are sending more than " + perMinute
                    + " messages a minute; wait a moment.", wait);
        }
    }

    /** The body, read only up to the limit: a declared or actual size beyond it is refused without reading more. */
    private byte[] body(HttpServletRequest request) {
        int max = settings.maxBodyBytes();
        long declared = request.getContentLengthLong();
        if (declared > max) {
            throw ApiError.bodyTooLarge(max);
        }
        if (declared == 0) {
            return NO_BODY;
        }
        byte[] data;
        try {
            data = request.getInputStream().readNBytes(max + 1);
        } catch (IOException e) {
            throw ApiError.badRequest("malformed-request", "The request body could not be read.");
        }
        if (data.length > max) {
            throw ApiError.bodyTooLarge(max);
        }
        if (data.length > 0 && !isJson(request.getContentType())) {
            throw ApiError.unsupportedMediaType();
        }
        return data;
    }

    /** A body read already: its type must be JSON, like one read here. */
    private static byte[] checked(HttpServletRequest request, byte[] data) {
        if (data.length > 0 && !isJson(request.getContentType())) {
            throw ApiError.unsupportedMediaType();
        }
        return data;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return type.toLowerCase(Locale.ROOT).equals("application/json");
    }

    private static int segments(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return 0;
        }
        return path.split("/", -1).length - 1;
    }

    private static void write(HttpServletResponse response, Reply reply, Map<String, String> corsHeaders)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(reply.status());
        corsHeaders.forEach(response::setHeader);
        reply.headers().forEach(response::setHeader);
        response.setHeader("Vary", "Origin");
        // Tokens and private messages: nothing of this belongs in a cache.
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (reply.body() != null) {
            byte[] bytes = reply.body().toString().getBytes(StandardCharsets.UTF_8);
            response.setContentType("application/json;charset=utf-8");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }
}
