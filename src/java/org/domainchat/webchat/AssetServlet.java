package org.domainchat.webchat;

import java.io.IOException;
import java.util.Map;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Serves fixed files from memory by their path inside the servlet's context, with the security headers every one of
 * them carries and, for pages, a Content-Security-Policy. Only GET and HEAD; anything else is 405, an unknown path
 * 404, and a path that names a folder without its slash is redirected, so that relative links on the page work.
 */
public final class AssetServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** A file and whether it is a page (which gets the page policy and must not be framed). */
    public record Entry(Asset asset, boolean page) {
    }

    private final transient Map<String, Entry> files;
    private final transient Map<String, String> redirects;
    private final String pagePolicy;

    /**
     * @param files      path inside the context (e.g. {@code /chat/}) → file
     * @param redirects  path → where it moves to (relative to the context)
     * @param pagePolicy the Content-Security-Policy of pages
     */
    public AssetServlet(Map<String, Entry> files, Map<String, String> redirects, String pagePolicy) {
        this.files = Map.copyOf(files);
        this.redirects = Map.copyOf(redirects);
        this.pagePolicy = pagePolicy;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            plain(response, 405, "Only GET and HEAD are allowed here.");
            return;
        }
        String target = redirects.get(path);
        if (target != null) {
            response.setHeader("Cache-Control", "no-cache");
            response.sendRedirect(request.getContextPath() + target);
            return;
        }
        Entry entry = files.get(path);
        if (entry == null) {
            plain(response, 404, "Not found.");
            return;
        }
        Asset asset = entry.asset();
        // Revalidated on every use, so a new plugin version reaches browsers at once; unchanged files cost a 304.
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("ETag", asset.etag());
        response.setHeader("Vary", "Accept-Encoding");
        if (entry.page()) {
            response.setHeader("Content-Security-Policy", pagePolicy);
            response.setHeader("X-Frame-Options", "DENY");
        } else {
            // The panel's script and style are included by webmail pages of other origins.
            response.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
        }
        String match = request.getHeader("If-None-Match");
        if (match != null && (match.equals(asset.etag()) || match.equals("W/" + asset.etag()))) {
            response.setStatus(304);
            return;
        }
        boolean gzip = accepts(request.getHeader("Accept-Encoding"));
        byte[] body = gzip ? asset.gzipped() : asset.bytes();
        response.setStatus(200);
        response.setContentType(asset.contentType());
        if (gzip) {
            response.setHeader("Content-Encoding", "gzip");
        }
        response.setContentLength(body.length);
        if (method.equals("GET")) {
            response.getOutputStream().write(body);
        }
    }

    private static boolean accepts(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] coding = part.strip().split(";");
            if (coding[0].strip().equalsIgnoreCase("gzip")) {
                return coding.length < 2 || !coding[1].replace(" ", "").equals("q=0");
            }
        }
        return false;
    }

    private static void plain(HttpServletResponse response, int status, String text) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/plain;charset=utf-8");
        response.getOutputStream().write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
