package org.domainchat.admin;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.domainchat.DomainChat;
import org.domainchat.archive.ArchiveStatus;
import org.domainchat.archive.JournalWriteTimes;
import org.domainchat.search.IndexStatus;
import org.domainchat.search.RebuildProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Chat archive" page: that archiving is always on, the archive's and the search index's figures, a rebuild of
 * the index and the conversation idle gap. GET shows (or, with {@code format=json}, returns the figures as JSON);
 * POST acts, only with this session's form token, and redirects back.
 */
public class ArchiveStatusServlet extends AdminServlet {

    static final String PAGE = "archive-status";
    static final String PAGE_ID = "domainchat-archive";
    static final int MIN_IDLE_MINUTES = 1;
    static final int MAX_IDLE_MINUTES = 1440;
    private static final long COUNT_CACHE_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveStatusServlet.class);

    private final Object countLock = new Object();
    private DomainChat countedCore;
    private long countedAtNanos;
    private long count;

    public ArchiveStatusServlet(AdminContext context) {
        super(context);
    }

    @Override
    String pageId() {
        return PAGE_ID;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("json".equals(request.getParameter("format"))) {
            sendJson(response);
            return;
        }
        Texts t = texts();
        String notice = null;
        String done = request.getParameter("done");
        if ("settings".equals(done)) {
            notice = t.get("status.saved.settings");
        } else if ("rebuild".equals(done)) {
            notice = t.get("status.saved.rebuild");
        } else if ("rebuild-running".equals(done)) {
            notice = t.get("status.rebuild.alreadyRunning");
        }
        render(request, response, t, HttpServletResponse.SC_OK, notice, null, null);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!Csrf.verify(request)) {
            sendCsrfFailure(response, PAGE);
            return;
        }
        Texts t = texts();
        DomainChat core = context.core();
        if (core == null) {
            render(request, response, t, HttpServletResponse.SC_SERVICE_UNAVAILABLE, null, null, null);
            return;
        }
        String action = request.getParameter("action");
        if ("rebuild".equals(action)) {
            if (core.index().status().rebuild().running()) {
                seeOther(response, PAGE + "?done=rebuild-running");
                return;
            }
            core.index().requestRebuild();
            LOG.info("An administrator requested a rebuild of the domainchat search index");
            seeOther(response, PAGE + "?done=rebuild");
        } else if ("settings".equals(action)) {
            String input = request.getParameter("idleGap");
            Integer minutes = parseMinutes(input);
            if (minutes == null) {
                String error = t.get("status.idleGap.invalid", MIN_IDLE_MINUTES, MAX_IDLE_MINUTES,
                        context.idleGap().toMinutes());
                render(request, response, t, HttpServletResponse.SC_BAD_REQUEST, null, error,
                        input == null ? "" : input);
                return;
            }
            context.setIdleGap(Duration.ofMinutes(minutes));
            LOG.info("An administrator set the domainchat conversation idle gap to {} minutes", minutes);
            seeOther(response, PAGE + "?done=settings");
        } else {
            render(request, response, t, HttpServletResponse.SC_BAD_REQUEST, null, t.get("status.unknownAction"),
                    null);
        }
    }

    /** The gap in minutes, or null when {@code input} is not a whole number in the allowed range. */
    static Integer parseMinutes(String input) {
        if (input == null) {
            return null;
        }
        String trimmed = input.strip();
        if (!trimmed.matches("[0-9]{1,5}")) {
            return null;
        }
        int minutes = Integer.parseInt(trimmed);
        return minutes < MIN_IDLE_MINUTES || minutes > MAX_IDLE_MINUTES ? null : minutes;
    }

    /** COUNT(*) can take seconds on a big archive, so a count is reused for 30 s; empty when it fails. */
    Long messageCount(DomainChat core) {
        synchronized (countLock) {
            long now = System.nanoTime();
            if (countedCore == core && now - countedAtNanos < COUNT_CACHE_NANOS) {
                return count;
            }
            try {
                count = core.store().countMessages();
                countedCore = core;
                countedAtNanos = now;
                return count;
            } catch (SQLException | RuntimeException e) {
                LOG.warn("Could not count the archived messages", e);
                countedCore = null;
                return null;
            }
        }
    }

    private void render(HttpServletRequest request, HttpServletResponse response, Texts t, int status,
                        String notice, String error, String idleGapInput) throws IOException {
        Page page = new Page(t.get("status.title"), PAGE_ID);
        DomainChat core = context.core();
        if (core == null) {
            page.error(t.get("common.notRunning"));
            send(response, status == HttpServletResponse.SC_OK ? HttpServletResponse.SC_SERVICE_UNAVAILABLE : status,
                    page);
            return;
        }
        ArchiveStatus archive = core.archive().status();
        IndexStatus index = core.index().status();
        RebuildProgress.Snapshot rebuild = index.rebuild();
        Long messages = messageCount(core);
        long idleMinutes = context.idleGap().toMinutes();
        if (rebuild.running() && error == null) {
            page.head.append("<meta http-equiv=\"refresh\" content=\"3\">\n");
        }

        StringBuilder b = page.body;
        b.append("<p>").append(t.html("status.intro")).append("</p>\n");
        if (notice != null) {
            page.success(notice);
        }
        if (error != null) {
            page.error(error);
        }
        if (archive.lastError() != null) {
            page.error(t.get("status.archive.failing", archive.lastError()));
        }

        b.append("<div class=\"jive-contentBoxHeader\">").append(t.html("status.alwaysOn.header")).append("</div>\n")
                .append("<div class=\"jive-contentBox\">\n<p><strong>")
                .append(t.html("status.alwaysOn.title")).append("</strong></p>\n<p>")
                .append(t.html("status.alwaysOn.text")).append("</p>\n</div>\n");

        b.append("<div class=\"jive-contentBoxHeader\">").append(t.html("status.archive.header")).append("</div>\n")
                .append("<div class=\"jive-contentBox\">\n<table class=\"jive-table\" cellpadding=\"3\" ")
                .append("cellspacing=\"0\" border=\"0\">\n<tbody>\n");
        row(b, t.get("status.archive.messages"), messages == null ? t.get("common.unknown") : t.number(messages),
                "archive-messages");
        row(b, t.get("status.archive.accepted"), t.number(archive.accepted()), "archive-accepted");
        row(b, t.get("status.archive.queued"), t.number(archive.queued()), "archive-queued");
        row(b, t.get("status.archive.lastStoredId"),
                archive.lastStoredId() == 0 ? t.get("common.noneYet") : Long.toString(archive.lastStoredId()),
                "archive-last-id");
        row(b, t.get("status.archive.journalSegments"), t.number(archive.journalSegments()), "archive-segments");
        row(b, t.get(archive.journalFsync() ? "status.archive.journalWrite" : "status.archive.journalWrite.noFsync"),
                Double.isNaN(archive.journalWriteP50Millis())
                        ? t.get("common.noneYet") : t.get("status.archive.journalWrite.value",
                        String.format(java.util.Locale.ROOT, "%.2f", archive.journalWriteP50Millis()),
                        String.format(java.util.Locale.ROOT, "%.2f", archive.journalWriteP99Millis()),
                        String.format(java.util.Locale.ROOT, "%.2f", archive.journalWriteLongestMillis()),
                        t.number(archive.journalSlowWrites()), JournalWriteTimes.SLOW_MILLIS),
                "archive-journal-write");
        row(b, t.get("status.archive.replaying"),
                t.get(archive.replaying() ? "status.archive.replaying.yes" : "status.archive.replaying.no"),
                "archive-replaying");
        row(b, t.get("status.archive.lastError"),
                archive.lastError() == null ? t.get("common.none") : archive.lastError(), "archive-error");
        b.append("</tbody>\n</table>\n</div>\n");

        b.append("<div class=\"jive-contentBoxHeader\">").append(t.html("status.index.header")).append("</div>\n")
                .append("<div class=\"jive-contentBox\">\n<table class=\"jive-table\" cellpadding=\"3\" ")
                .append("cellspacing=\"0\" border=\"0\">\n<tbody>\n");
        row(b, t.get("status.index.documents"),
                index.documents() < 0 ? t.get("common.unknown") : t.number(index.documents()), "index-documents");
        row(b, t.get("status.index.size"), t.bytes(index.sizeBytes()), "index-size");
        row(b, t.get("status.index.newest"),
                index.newestIndexedAt() <= 0 ? t.get("common.noneYet") : t.time(index.newestIndexedAt()),
                "index-newest");
        row(b, t.get("status.index.lag"), index.lastLagMillis() < 0 ? t.get("common.notYet")
                : t.get("status.index.lagValue", t.number(index.lastLagMillis())), "index-lag");
        row(b, t.get("status.index.lastError"),
                index.lastError() == null ? t.get("common.none") : index.lastError(), "index-error");
        row(b, t.get("status.index.rebuild"), rebuildText(t, rebuild), "index-rebuild");
        if (rebuild.reason() != null) {
            row(b, t.get("status.index.rebuildReason"), t.get("status.rebuild.reason." + rebuild.reason().code()),
                    "index-rebuild-reason");
        }
        b.append("</tbody>\n</table>\n</div>\n");

        b.append("<div class=\"jive-contentBoxHeader\">").append(t.html("status.rebuild.header")).append("</div>\n")
                .append("<div class=\"jive-contentBox\">\n<p>").append(t.html("status.rebuild.text")).append("</p>\n")
                .append("<form method=\"post\" action=\"").append(PAGE).append("\">\n")
                .append(Csrf.hiddenFields(request))
                .append("<input type=\"hidden\" name=\"action\" value=\"rebuild\"/>\n")
                .append("<input type=\"submit\" value=\"").append(t.html("status.rebuild.button")).append("\"")
                .append(rebuild.running() ? " disabled=\"disabled\"" : "").append("/>\n</form>\n</div>\n");

        String gapValue = idleGapInput != null ? idleGapInput : Long.toString(idleMinutes);
        b.append("<div class=\"jive-contentBoxHeader\">").append(t.html("status.settings.header")).append("</div>\n")
                .append("<div class=\"jive-contentBox\">\n")
                .append("<form method=\"post\" action=\"").append(PAGE).append("\">\n")
                .append(Csrf.hiddenFields(request))
                .append("<input type=\"hidden\" name=\"action\" value=\"settings\"/>\n")
                .append("<p><label for=\"idleGap\">").append(t.html("status.idleGap.label")).append("</label> ")
                .append("<input type=\"number\" id=\"idleGap\" name=\"idleGap\" min=\"").append(MIN_IDLE_MINUTES)
                .append("\" max=\"").append(MAX_IDLE_MINUTES).append("\" step=\"1\" size=\"6\" value=\"")
                .append(Html.escape(gapValue)).append("\"/> ")
                .append(t.html("status.idleGap.current", t.number(idleMinutes))).append("</p>\n<p>")
                .append(t.html("status.idleGap.help", MIN_IDLE_MINUTES, MAX_IDLE_MINUTES)).append("</p>\n")
                .append("<input type=\"submit\" value=\"").append(t.html("common.save")).append("\"/>\n")
                .append("</form>\n</div>\n");
        send(response, status, page);
    }

    private static String rebuildText(Texts t, RebuildProgress.Snapshot r) {
        if (r.running()) {
            return r.total() >= 0
                    ? t.get("status.rebuild.running", t.number(r.done()), t.number(r.total()),
                    t.percent(r.done(), r.total()), t.time(r.startedAt()))
                    : t.get("status.rebuild.runningTotalUnknown", t.number(r.done()), t.time(r.startedAt()));
        }
        if (r.finishedAt() > 0) {
            return r.error() == null
                    ? t.get("status.rebuild.finished", t.time(r.finishedAt()))
                    : t.get("status.rebuild.failed", t.time(r.finishedAt()), r.error());
        }
        return t.get("status.rebuild.none");
    }

    /** A label/value row; both are plain text. */
    private static void row(StringBuilder b, String label, String value, String id) {
        b.append("<tr><td width=\"40%\">").append(Html.escape(label)).append("</td><td id=\"").append(id)
                .append("\">").append(Html.escape(value)).append("</td></tr>\n");
    }

    private void sendJson(HttpServletResponse response) throws IOException {
        DomainChat core = context.core();
        Json json = new Json();
        int status = HttpServletResponse.SC_OK;
        if (core == null) {
            status = HttpServletResponse.SC_SERVICE_UNAVAILABLE;
            json.put("running", false).put("archivingAlwaysOn", true)
                    .put("error", "The archive is not running; see the Openfire log.");
        } else {
            ArchiveStatus a = core.archive().status();
            IndexStatus i = core.index().status();
            RebuildProgress.Snapshot r = i.rebuild();
            json.put("running", true)
                    .put("archivingAlwaysOn", true)
                    .put("archive", new Json()
                            .put("messages", messageCount(core))
                            .put("accepted", a.accepted())
                            .put("queued", a.queued())
                            .put("lastStoredId", a.lastStoredId())
                            .put("journalSegments", a.journalSegments())
                            .put("journalWriteP50Millis", a.journalWriteP50Millis())
                            .put("journalWriteP99Millis", a.journalWriteP99Millis())
                            .put("journalWriteLongestMillis", a.journalWriteLongestMillis())
                            .put("journalSlowWrites", a.journalSlowWrites())
                            .put("journalFsync", a.journalFsync())
                            .put("replaying", a.replaying())
                            .put("lastError", a.lastError()))
                    .put("index", new Json()
                            .put("documents", i.documents())
                            .put("sizeBytes", i.sizeBytes())
                            .put("watermark", i.watermark())
                            .put("newestIndexedAt", i.newestIndexedAt())
                            .put("lastLagMillis", i.lastLagMillis())
                            .put("lastError", i.lastError())
                            .put("rebuild", new Json()
                                    .put("running", r.running())
                                    .put("done", r.done())
                                    .put("total", r.total())
                                    .put("startedAt", r.startedAt())
                                    .put("finishedAt", r.finishedAt())
                                    .put("error", r.error())
                                    .put("reason", r.reason() == null ? null : r.reason().code())))
                    .put("idleGapMinutes", context.idleGap().toMinutes());
        }
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(json + "\n");
    }
}
