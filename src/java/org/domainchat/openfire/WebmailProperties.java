package org.domainchat.openfire;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.domainchat.webmail.WebmailSettings;
import org.domainchat.webmail.live.LiveSettings;
import org.jivesoftware.util.SystemProperty;

/** The webmail API's settings as {@code domainchat.webmail.*} system properties, read on every use. */
final class WebmailProperties implements WebmailSettings, LiveSettings {

    private static final WebmailSettings DEFAULTS = WebmailSettings.Fixed.defaults();
    private static final LiveSettings LIVE = LiveSettings.Fixed.defaults();

    /** Shared with the trusted webmail server; stored encrypted by Openfire. Empty: backend tokens are refused. */
    final SystemProperty<String> secret = SettingRegistry.register("domainchat.webmail.secret", String.class,
            p -> p.setDefaultValue("").setEncrypted(true).setDynamic(true));
    final SystemProperty<String> audience = text("domainchat.webmail.audience", DEFAULTS.audience());
    final SystemProperty<Duration> tokenMaxLifetime = duration("domainchat.webmail.tokenMaxLifetime",
            DEFAULTS.tokenMaxLifetime(), ChronoUnit.MINUTES);
    /** Comma-separated origins (scheme://host[:port]) whose pages may call the API. */
    final SystemProperty<String> allowedOrigins = text("domainchat.webmail.allowedOrigins", "");
    final SystemProperty<Integer> sendRate = number("domainchat.webmail.sendRate", DEFAULTS.sendRatePerMinute());
    final SystemProperty<Integer> maxBodyBytes = number("domainchat.webmail.maxBodyBytes", DEFAULTS.maxBodyBytes());
    final SystemProperty<Duration> sessionIdle = duration("domainchat.webmail.sessionIdle", DEFAULTS.sessionIdle(),
            ChronoUnit.MINUTES);
    final SystemProperty<Duration> sessionMaxAge = duration("domainchat.webmail.sessionMaxAge",
            DEFAULTS.sessionMaxAge(), ChronoUnit.HOURS);
    final SystemProperty<Integer> maxSessions = number("domainchat.webmail.maxSessions", DEFAULTS.maxSessions());
    final SystemProperty<Integer> loginFailuresPerUser = number("domainchat.webmail.loginFailuresPerUser",
            DEFAULTS.loginFailuresPerUser());
    final SystemProperty<Integer> loginFailuresPerAddress = number("domainchat.webmail.loginFailuresPerAddress",
            DEFAULTS.loginFailuresPerAddress());
    /** How long the webmail resource stays online after the last event stream closed (browser gone). */
    final SystemProperty<Duration> streamGrace = duration("domainchat.webmail.streamGrace", LIVE.streamGrace(),
            ChronoUnit.SECONDS);
    final SystemProperty<Integer> eventBuffer = number("domainchat.webmail.eventBuffer", LIVE.eventBuffer());
    final SystemProperty<Integer> maxStreams = number("domainchat.webmail.maxStreams", LIVE.maxStreams());

    final SystemProperty<Integer> maxStreamsPerUser = number("domainchat.webmail.maxStreamsPerUser",
            WebmailSettings.DEFAULT_STREAMS_PER_USER);
    final SystemProperty<Integer> maxTicketsPerUser = number("domainchat.webmail.maxTicketsPerUser",
            WebmailSettings.DEFAULT_TICKETS_PER_USER);
    final SystemProperty<Integer> streamBacklogBytes = number("domainchat.webmail.streamBacklogBytes",
            WebmailSettings.DEFAULT_STREAM_BACKLOG_BYTES);

    private static SystemProperty<String> text(String key, String value) {
        return SettingRegistry.register(key, String.class, p -> p.setDefaultValue(value).setDynamic(true));
    }

    private static SystemProperty<Integer> number(String key, int value) {
        return SettingRegistry.register(key, Integer.class,
                p -> p.setDefaultValue(value).setMinValue(1).setDynamic(true));
    }

    private static SystemProperty<Duration> duration(String key, Duration value, ChronoUnit unit) {
        return SettingRegistry.register(key, Duration.class,
                p -> p.setDefaultValue(value).setChronoUnit(unit).setDynamic(true));
    }

    @Override
    public String secret() {
        return secret.getValue();
    }

    @Override
    public String audience() {
        return audience.getValue();
    }

    @Override
    public Duration tokenMaxLifetime() {
        return tokenMaxLifetime.getValue();
    }

    @Override
    public List<String> allowedOrigins() {
        List<String> origins = new ArrayList<>();
        String value = allowedOrigins.getValue();
        if (value != null) {
            for (String origin : value.split(",")) {
                if (!origin.isBlank()) {
                    origins.add(origin.strip());
                }
            }
        }
        return origins;
    }

    @Override
    public int sendRatePerMinute() {
        return sendRate.getValue();
    }

    @Override
    public int maxBodyBytes() {
        return maxBodyBytes.getValue();
    }

    @Override
    public Duration sessionIdle() {
        return sessionIdle.getValue();
    }

    @Override
    public Duration sessionMaxAge() {
        return sessionMaxAge.getValue();
    }

    @Override
    public int maxSessions() {
        return maxSessions.getValue();
    }

    @Override
    public int loginFailuresPerUser() {
        return loginFailuresPerUser.getValue();
    }

    @Override
    public int loginFailuresPerAddress() {
        return loginFailuresPerAddress.getValue();
    }

    @Override
    public Duration streamGrace() {
        return streamGrace.getValue();
    }

    @Override
    public int eventBuffer() {
        return eventBuffer.getValue();
    }

    @Override
    public int maxStreams() {
        return maxStreams.getValue();
    }

    @Override
    public int maxStreamsPerUser() {
        return maxStreamsPerUser.getValue();
    }

    @Override
    public int maxTicketsPerUser() {
        return maxTicketsPerUser.getValue();
    }

    @Override
    public int streamBacklogBytes() {
        return streamBacklogBytes.getValue();
    }
}
