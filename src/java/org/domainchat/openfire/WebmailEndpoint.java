package org.domainchat.openfire;

import java.util.function.BooleanSupplier;

import org.domainchat.DomainChat;
import org.domainchat.webmail.AliasAdmin;
import org.domainchat.webmail.ChatArchive;
import org.domainchat.webmail.Contacts;
import org.domainchat.webmail.CredentialCheck;
import org.domainchat.webmail.UserDirectory;
import org.domainchat.webmail.WebmailApi;
import org.domainchat.webchat.Webchat;
import org.domainchat.webmail.live.WebmailLive;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.jivesoftware.openfire.admin.AdminManager;
import org.jivesoftware.openfire.auth.AuthFactory;
import org.jivesoftware.openfire.auth.ConnectionException;
import org.jivesoftware.openfire.auth.InternalUnauthenticatedException;
import org.jivesoftware.openfire.auth.UnauthorizedException;
import org.jivesoftware.openfire.http.HttpBindManager;
import org.jivesoftware.openfire.lockout.LockOutManager;
import org.jivesoftware.openfire.user.UserManager;
import org.xmpp.packet.JID;

/**
 * The webmail JSON API on Openfire's public HTTP ports (7070/7443) under {@value WebmailApi#BASE_PATH}: a Jetty ee8
 * context handed to {@link HttpBindManager}, whose handlers are tried after BOSH and WebSocket. Passwords are
 * checked by Openfire's {@link AuthFactory} (so LDAP works), admins by its {@link AdminManager}.
 */
final class WebmailEndpoint implements AutoCloseable {

    private final HttpBindManager http;
    private final WebmailApi api;
    private final ServletContextHandler context;

    private WebmailEndpoint(HttpBindManager http, WebmailApi api) {
        this.http = http;
        this.api = api;
        this.context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath(WebmailApi.BASE_PATH);
        context.addServlet(new ServletHolder(api.servlet()), "/*");
        // The API's description is public and served as a file, beside the API rather than through it.
        context.addServlet(new ServletHolder(Webchat.openApiServlet()), Webchat.OPENAPI_PATH);
    }

    static WebmailEndpoint start(HttpBindManager http, DomainChat core, String domain, UserManager users,
                                 BooleanSupplier active, WebmailProperties settings, WebmailLive live,
                                 Contacts contacts) {
        OpenfireUsers accounts = new OpenfireUsers(domain, users);
        // Accounts are asked of Openfire's user store directly: the API must not depend on domain contacts running.
        WebmailApi api = new WebmailApi(new WebmailApi.Ports(ChatArchive.of(core), accounts,
                OpenfireUsers::checkPassword, active, live, contacts,
                new AliasAdmin(core.aliases(), accounts::exists)), settings);
        WebmailEndpoint endpoint = new WebmailEndpoint(http, api);
        api.start();
        try {
            http.addJettyHandler(endpoint.context);
        } catch (RuntimeException e) {
            api.stop(); // its threads must not outlive a failed start
            throw e;
        }
        return endpoint;
    }

    /**
     * Stops answering (streams end, sessions end, webmail resources go offline), then leaves Openfire's HTTP server
     * and releases the context, as Openfire's own plugins do.
     */
    @Override
    public void close() {
        api.stop();
        http.removeJettyHandler(context);
        context.destroy();
    }

    WebmailApi api() {
        return api;
    }

    static String basePath() {
        return WebmailApi.BASE_PATH;
    }

    private record OpenfireUsers(String domain, UserManager users) implements UserDirectory {

        @Override
        public boolean exists(String username) {
            return users.isRegisteredUser(new JID(username, domain, null, true), false);
        }

        @Override
        public boolean isAdmin(String username) {
            return AdminManager.getInstance().isUserAdmin(username, true);
        }

        @Override
        public boolean isDisabled(String username) {
            return LockOutManager.getInstance().isAccountDisabled(username);
        }

        static CredentialCheck.Result checkPassword(String username, String password) throws CredentialCheck.Unavailable {
            try {
                AuthFactory.authenticate(username, password);
                return CredentialCheck.Result.OK;
            } catch (UnauthorizedException e) {
                // Openfire does not say whether the account or the password was wrong; neither does the API
                return CredentialCheck.Result.BAD_PASSWORD;
            } catch (ConnectionException | InternalUnauthenticatedException e) {
                throw new CredentialCheck.Unavailable("The password could not be checked: " + e.getMessage(), e);
            }
        }
    }
}
