package org.domainchat.admin;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import javax.servlet.http.HttpServlet;

import org.eclipse.jetty.ee8.servlet.FilterHolder;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real Jetty 12 (ee8) serving admin servlets at Openfire's plugin path, behind a filter that sets a CSRF token
 * where Openfire's PluginServlet does, and an HTTP client that keeps its session cookie like a browser.
 */
final class TestConsole implements AutoCloseable {

    static final String CONTEXT = "/plugins/domainchat";
    /** What the filter puts where Openfire's PluginServlet puts its CSRF token; it needs escaping. */
    static final String OPENFIRE_CSRF = "of\"<token>&";

    final Server server;
    final HttpClient client;
    final URI base;

    private TestConsole(Server server, URI base) {
        this.server = server;
        this.base = base;
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Serves each servlet at {@code /<path>} below the plugin's context. */
    static TestConsole start(Map<String, HttpServlet> servlets) throws Exception {
        Server jetty = new Server();
        try {
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            jetty.addConnector(connector);
            ServletContextHandler handler = new ServletContextHandler(ServletContextHandler.SESSIONS);
            handler.setContextPath(CONTEXT);
            Filter openfireCsrf = (request, response, chain) -> {
                request.setAttribute("csrf", OPENFIRE_CSRF);
                chain.doFilter(request, response);
            };
            handler.addFilter(new FilterHolder(openfireCsrf), "/*", EnumSet.of(DispatcherType.REQUEST));
            servlets.forEach((path, servlet) -> handler.addServlet(new ServletHolder(servlet), "/" + path));
            jetty.setHandler(handler);
            jetty.start();
            return new TestConsole(jetty,
                    URI.create("http://127.0.0.1:" + connector.getLocalPort() + CONTEXT + "/"));
        } catch (Exception | Error e) {
            jetty.stop();
            throw e;
        }
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        return post(path, form.entrySet().stream().map(e -> new String[]{e.getKey(), e.getValue()}).toList());
    }

    /** A form POST whose fields may repeat or must keep their order, as a browser sends them. */
    HttpResponse<String> post(String path, List<String[]> fields) throws IOException, InterruptedException {
        StringJoiner body = new StringJoiner("&");
        for (String[] field : fields) {
            body.add(URLEncoder.encode(field[0], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(field[1], StandardCharsets.UTF_8));
        }
        return client.send(HttpRequest.newBuilder(base.resolve(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The path and query of a redirect's Location, relative to the plugin, to GET it. */
    String relative(HttpResponse<?> redirect) {
        String location = redirect.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no Location in a " + redirect.statusCode()));
        String absolute = base.resolve(location).toString();
        if (!absolute.startsWith(base.toString())) {
            throw new AssertionError("redirect out of the plugin: " + location);
        }
        return absolute.substring(base.toString().length());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
