package org.domainchat.webmail;

import org.json.JSONObject;

/**
 * Logging in and out. {@code POST /session} exchanges a user's own password (JSON or HTTP Basic) or a backend
 * token for a session token; {@code DELETE /session} ends the session of the token it is called with, and the event
 * streams and tickets opened with it.
 */
final class SessionEndpoints {

    private final Authenticator authenticator;
    private final SessionTokens sessions;
    private final WebmailSettings settings;
    private final UserStreams streams;

    SessionEndpoints(Authenticator authenticator, SessionTokens sessions, WebmailSettings settings,
                     UserStreams streams) {
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.settings = settings;
        this.streams = streams;
    }

    void register(Router router) {
        router.post("/session", Router.Access.PUBLIC, Router.Limit.NONE, this::create)
                .get("/session", Router.Access.USER, this::describe)
                .delete("/session", Router.Access.USER, this::end);
    }

    private Reply create(ApiRequest request) {
        Authenticator.Credentials credentials = Authenticator.credentials(request.http());
        Caller caller;
        if (credentials instanceof Authenticator.Credentials.None) {
            if (!request.hasBody()) {
                throw ApiError.missingCredentials("Send {\"username\", \"password\"} as JSON, HTTP Basic "
                        + "credentials, or a backend token as Bearer.");
            }
            JSONObject body = BodyFields.only(request.json(), java.util.Set.of("username", "password"));
            caller = authenticator.password(ApiRequest.requiredString(body, "username"),
                    ApiRequest.requiredString(body, "password"), request.clientAddress());
        } else {
            if (request.hasBody()) {
                throw ApiError.badRequest("malformed-request", "Send credentials either in the body or in the "
                        + "Authorization header, not both.");
            }
            if (credentials instanceof Authenticator.Credentials.Basic basic) {
                caller = authenticator.password(basic.username(), basic.password(), request.clientAddress());
            } else {
                String token = ((Authenticator.Credentials.Bearer) credentials).token();
                if (SessionTokens.looksLikeToken(token)) {
                    throw ApiError.badRequest("not-exchangeable", "This is a session token already; only backend "
                            + "tokens are exchanged for sessions.");
                }
                caller = authenticator.bearer(token);
            }
        }
        SessionTokens.Issued issued = sessions.issue(caller.username(), caller.generation());
        JSONObject json = new JSONObject()
                .put("token", issued.token())
                .put("tokenType", "Bearer")
                .put("user", caller.jid())
                .put("idleTimeoutSeconds", settings.sessionIdle().toSeconds());
        return Reply.created(ArchiveJson.time(json, "expiresAt", issued.session().expiresAt()));
    }

    private Reply describe(ApiRequest request) {
        Caller caller = request.caller();
        JSONObject json = new JSONObject().put("user", caller.jid()).put("via", caller.via().label);
        return Reply.ok(ArchiveJson.time(json, "expiresAt", caller.expiresAt()));
    }

    private Reply end(ApiRequest request) {
        if (request.caller().via() != Caller.Via.SESSION) {
            throw ApiError.badRequest("not-a-session", "Only session tokens can be ended; backend tokens expire on "
                    + "their own.");
        }
        sessions.revoke(((Authenticator.Credentials.Bearer) Authenticator.credentials(request.http())).token());
        // Its tickets die with it (they are checked when redeemed); its streams end now.
        streams.endSession(request.caller().session(), ApiError.invalidToken("session-ended",
                "You logged out: this session has ended."));
        return Reply.noContent();
    }
}
