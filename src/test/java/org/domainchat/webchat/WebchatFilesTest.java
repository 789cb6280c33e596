package org.domainchat.webchat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web chat's files as the plugin serves them, over real HTTP beside the real API: the security headers, caching,
 * compression, and what the files may and may not contain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebchatFilesTest {

    private ChatServer server;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        server = new ChatServer(temp);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.base.resolve(path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = WebchatFilesTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void theOwnPageHasAStrictPolicy() throws Exception {
        HttpResponse<byte[]> page = get("/domainchat/chat/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html;charset=utf-8", page.headers().firstValue("Content-Type").orElse("")
                .replace(" ", "").toLowerCase());
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(policy.contains("script-src 'self'"), policy);
        assertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval"), policy);
        assertTrue(policy.contains("require-trusted-types-for 'script'"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertFalse(html.matches("(?s).*<script>.*"), "no inline script: " + html);
        assertFalse(html.contains("style="), "no inline style");

        HttpResponse<byte[]> bare = get("/domainchat/chat");
        assertEquals(302, bare.statusCode());
        assertEquals("/domainchat/chat/", URI.create(bare.headers().firstValue("Location").orElseThrow()).getPath());
    }

    @Test
    void filesAreCompressedRevalidatedAndOnlyRead() throws Exception {
        HttpResponse<byte[]> plain = get("/domainchat/panel.js");
        assertEquals(200, plain.statusCode());
        assertArrayEquals(resource("org/domainchat/webchat/panel.js"), plain.body());
        assertEquals("no-cache", plain.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("cross-origin", plain.headers().firstValue("Cross-Origin-Resource-Policy").orElse(""),
                "webmail pages of other origins include it");
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get("/domainchat/panel.js", "If-None-Match", etag).statusCode());

        HttpResponse<byte[]> zipped = get("/domainchat/panel.js", "Accept-Encoding", "gzip");
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(""));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertArrayEquals(plain.body(), in.readAllBytes());
        }
        assertEquals(404, get("/domainchat/secret.txt").statusCode());
        int traversal = get("/domainchat/chat/%2e%2e/%2e%2e/etc/passwd").statusCode();
        assertTrue(traversal == 400 || traversal == 404, "a path out of the files: " + traversal);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(server.base.resolve("/domainchat/panel.js"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void theApiStillAnswersBesideTheFilesAndServesItsDescription() throws Exception {
        HttpResponse<byte[]> api = get("/domainchat/api/v1/contacts");
        assertEquals(401, api.statusCode(), "the API's context comes first and keeps its paths");
        HttpResponse<byte[]> description = get("/domainchat/api/v1/openapi.json");
        assertEquals(200, description.statusCode());
        assertArrayEquals(resource("org/domainchat/webmail/openapi.json"), description.body());
        assertEquals("3.1.0", new JSONObject(new String(description.body(), StandardCharsets.UTF_8))
                .getString("openapi"));
    }

    /** The panel never hands a string to an HTML parser or to eval: user text can only ever be text. */
    @Test
    void theScriptsUseNoHtmlSinks() throws Exception {
        for (String name : List.of("panel.js", "chat.js")) {
            String js = new String(resource("org/domainchat/webchat/" + name), StandardCharsets.UTF_8);
            for (String sink : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                    "new Function", "setTimeout('", "setTimeout(\"", "DOMParser", "createContextualFragment",
                    "srcdoc", "localStorage")) {
                assertFalse(js.contains(sink), name + " uses " + sink);
            }
        }
    }

    /** The budget: everything a browser loads for the panel, compressed, well under 150 KB. */
    @Test
    void thePanelIsSmall() throws Exception {
        long total = 0;
        for (String path : List.of("/domainchat/panel.js", "/domainchat/panel.css", "/domainchat/chat/",
                "/domainchat/chat/chat.js")) {
            total += get(path, "Accept-Encoding", "gzip").body().length;
        }
        System.out.printf("web chat: %,d bytes gzipped (panel, style, page, sign-in)%n", total);
        assertTrue(total < 150 * 1024, total + " bytes");
    }
}
