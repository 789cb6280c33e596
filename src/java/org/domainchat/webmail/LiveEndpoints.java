package org.domainchat.webmail;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;

import org.domainchat.webmail.live.LinkException;
import org.domainchat.webmail.live.WebmailLive;
import org.domainchat.webmail.live.WebmailStatus;
import org.domainchat.webmail.live.XmppLink;
import org.json.JSONObject;
import org.xmpp.packet.JID;

/**
 * The chat window and the status menu: the user's webmail status, sending, typing notifications, and the event
 * stream. Everything here acts as the caller's own webmail resource and nothing else.
 */
final class LiveEndpoints {

    /** The archive keeps 64 KiB of a body; a longer message is refused rather than cut without a word. */
    static final int MAX_BODY_CHARS = 65_536;
    /** As the OpenAPI description says; a presence carries it to every colleague. */
    static final int MAX_STATUS_CHARS = 1024;
    private static final Set<String> STATUS_FIELDS = Set.of("status", "text");
    private static final Set<String> SEND_FIELDS = Set.of("to", "body");
    private static final Set<String> TYPING_FIELDS = Set.of("to", "state");

    private final WebmailLive live;
    private final Authenticator authenticator;
    private final StreamTickets tickets;
    private final Executor writers;
    private final UserStreams streams;
    private final WebmailSettings settings;

    LiveEndpoints(WebmailLive live, Authenticator authenticator, StreamTickets tickets, Executor writers,
                  UserStreams streams, WebmailSettings settings) {
        this.live = live;
        this.authenticator = authenticator;
        this.tickets = tickets;
        this.writers = writers;
        this.streams = streams;
        this.settings = settings;
    }

    void register(Router router) {
        router.get("/status", Router.Access.USER, this::status)
                .add("PUT", "/status", Router.Access.USER, Router.Limit.NONE, this::setStatus)
                .post("/messages", Router.Access.USER, Router.Limit.SEND, this::send)
                .post("/typing", Router.Access.USER, Router.Limit.NONE, this::typing)
                .post("/events/ticket", Router.Access.USER, Router.Limit.NONE, this::ticket)
                // PUBLIC: it authenticates itself, since EventSource can only bring a ticket in the URL.
                .get("/events", Router.Access.PUBLIC, this::events);
    }

    private Reply status(ApiRequest request) {
        return Reply.ok(live.status(request.caller().username()));
    }

    private Reply setStatus(ApiRequest request) {
        JSONObject body = BodyFields.only(request.json(), STATUS_FIELDS);
        // The text goes into the webmail resource's presence, which every colleague receives, now and at login.
        String text = BodyFields.optionalText(body, "text");
        if (text != null && text.codePointCount(0, text.length()) > MAX_STATUS_CHARS) {
            String message = "A status text can have at most " + MAX_STATUS_CHARS + " characters.";
            throw ApiError.badRequest("text-too-long", message, List.of(new ApiError.Problem("text", message)));
        }
        WebmailStatus status = WebmailStatus.ofLabel(ApiRequest.requiredString(body, "status"))
                .orElseThrow(() -> Params.invalid("status", "must be available, away, busy or offline"));
        try {
            return Reply.ok(live.setStatus(request.caller().username(), status,
                    text == null ? "" : text, context(request)));
        } catch (LinkException e) {
            throw linkProblem(e);
        }
    }

    private Reply send(ApiRequest request) {
        JSONObject body = BodyFields.only(request.json(), SEND_FIELDS);
        JID to = recipient(request, body);
        String text = BodyFields.requiredText(body, "body");
        if (text.isBlank()) {
            throw ApiError.badRequest("empty-body", "The message has no text.");
        }
        if (text.length() > MAX_BODY_CHARS) {
            throw ApiError.badRequest("body-too-long", "A message can have at most " + MAX_BODY_CHARS
                    + " characters; split it up or share a file instead.");
        }
        WebmailLive.Sent sent;
        try {
            sent = live.send(request.caller().username(), to, text, context(request));
        } catch (LinkException e) {
            throw linkProblem(e);
        } catch (WebmailLive.OfflineException e) {
            throw offline(e);
        }
        return outcome(sent.outcome(), new Reply(202, new JSONObject().put("clientId", sent.clientId())
                .put("to", to.toBareJID()).put("status", "sent"), java.util.Map.of()));
    }

    private Reply typing(ApiRequest request) {
        JSONObject body = BodyFields.only(request.json(), TYPING_FIELDS);
        JID to = recipient(request, body);
        String state = ApiRequest.requiredString(body, "state");
        if (!WebmailLive.CHAT_STATES.contains(state)) {
            throw Params.invalid("state", "must be composing, paused, active, inactive or gone");
        }
        try {
            return outcome(live.typing(request.caller().username(), to, state, context(request)), Reply.noContent());
        } catch (LinkException e) {
            throw linkProblem(e);
        } catch (WebmailLive.OfflineException e) {
            throw offline(e);
        }
    }

    private Reply ticket(ApiRequest request) {
        return Reply.ok(new JSONObject().put("ticket", tickets.issue(request.caller()))
                .put("expiresInSeconds", StreamTickets.LIFETIME_MS / 1000));
    }

    private Reply events(ApiRequest request) {
        String ticket = request.query("ticket");
        Caller caller;
        if (ticket != null) {
            caller = tickets.redeem(ticket);
            // Issued a while ago: the session may have ended, or the user's credentials been revoked, since.
            ApiError gone = authenticator.recheck(caller, true);
            if (gone != null) {
                throw gone;
            }
        } else {
            caller = authenticator.user(request.http());
        }
        String lastEventId = request.http().getHeader("Last-Event-ID");
        if (lastEventId == null) {
            lastEventId = request.query("lastEventId");
        }
        String resumeFrom = lastEventId;
        WebmailLive.Context context = context(request);
        String username = caller.username();
        // Before the headers: a refusal is an ordinary answer, not an event.
        streams.take(username, settings.maxStreamsPerUser());
        return Reply.stream(async -> {
            SseStream[] self = new SseStream[1];
            SseStream stream = new SseStream(async, writers, settings.streamBacklogBytes(),
                    authenticator.guard(caller), () -> streams.giveBack(username, self[0]));
            self[0] = stream;
            streams.attach(stream, caller);
            stream.start();
            stream.greet();
            try {
                stream.subscribed(live.subscribe(username, resumeFrom, context, stream));
            } catch (WebmailLive.TooManyStreamsException e) {
                // Headers are gone already: say it as an event the client can read, then end.
                stream.endWith("too-many-streams", e.getMessage());
            }
        }, () -> streams.giveBack(username, null));
    }

    private static JID recipient(ApiRequest request, JSONObject body) {
        return new JID(Params.bareJid("to", ApiRequest.requiredString(body, "to")));
    }

    private static Reply outcome(XmppLink.SendOutcome outcome, Reply sent) {
        if (outcome instanceof XmppLink.SendOutcome.Rejected rejected) {
            throw ApiError.conflict("message-refused", rejected.text());
        }
        if (outcome instanceof XmppLink.SendOutcome.Closed) {
            throw ApiError.unavailable("resource-closed", "Your webmail chat connection closed while sending; try "
                    + "again.", 1);
        }
        return sent;
    }

    private static WebmailLive.Context context(ApiRequest request) {
        Locale locale = request.http().getHeader("Accept-Language") == null ? Locale.ENGLISH
                : request.http().getLocale();
        return new WebmailLive.Context(locale, request.clientAddress());
    }

    private static ApiError offline(WebmailLive.OfflineException e) {
        return ApiError.conflict("webmail-offline", e.getMessage());
    }

    static ApiError linkProblem(LinkException e) {
        return switch (e.kind()) {
            case CONFLICT -> ApiError.unavailable("resource-conflict", "Your webmail chat connection could not be "
                    + "opened just now; try again.", 2);
            case UNAVAILABLE -> ApiError.unavailable("chat-unavailable", "The chat server is not available right "
                    + "now; try again shortly.", 10);
            case REFUSED -> ApiError.forbidden("account-refused", "This account may not chat: " + e.getMessage());
        };
    }
}
