package org.domainchat.openfire;

import org.domainchat.webchat.Webchat;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.jivesoftware.openfire.http.HttpBindManager;

/**
 * The web chat users see (the page at {@code /domainchat/chat/} and the embeddable {@code /domainchat/panel.js}) on
 * Openfire's public HTTP ports. It only serves files: everything it shows comes from the webmail API, so it is
 * started after webmail (whose context, {@code /domainchat/api/v1}, then comes first among the handlers Openfire
 * tries) and stopped before it.
 */
final class WebchatFeature implements AutoCloseable {

    private final HttpBindManager http;
    private final ServletContextHandler context;

    private WebchatFeature(HttpBindManager http, ServletContextHandler context) {
        this.http = http;
        this.context = context;
    }

    static WebchatFeature start(HttpBindManager http) {
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath(Webchat.CONTEXT_PATH);
        context.addServlet(new ServletHolder(Webchat.panelServlet()), "/*");
        http.addJettyHandler(context);
        return new WebchatFeature(http, context);
    }

    ServletContextHandler context() {
        return context;
    }

    @Override
    public void close() {
        http.removeJettyHandler(context);
        context.destroy();
    }
}
