package org.domainchat.openfire;

import java.time.Duration;
import java.util.Locale;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;

import org.domainchat.DomainChat;
import org.domainchat.admin.AdminContext;
import org.domainchat.admin.ContactsAdmin;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.admin.AdminManager;
import org.jivesoftware.openfire.auth.AuthToken;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.util.JiveGlobals;

/** The admin pages' view of Openfire: the running plugin, the console login, its language and the settings. */
final class OpenfireAdminContext implements AdminContext {

    /** Where Openfire's admin console keeps the logged-in administrator's token. */
    static final String AUTH_TOKEN_ATTRIBUTE = "jive.admin.authToken";

    @Override
    public DomainChat core() {
        DomainChatPlugin plugin = plugin();
        return plugin == null ? null : plugin.core();
    }

    @Override
    public boolean isAdmin(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return false;
        }
        Object token = session.getAttribute(AUTH_TOKEN_ATTRIBUTE);
        if (!(token instanceof AuthToken authToken)) {
            return false;
        }
        String username = authToken.getUsername();
        return username != null && AdminManager.getInstance().isUserAdmin(username, true);
    }

    @Override
    public Locale locale() {
        return JiveGlobals.getLocale();
    }

    @Override
    public Duration idleGap() {
        return properties().idleGap.getValue();
    }

    @Override
    public void setIdleGap(Duration gap) {
        properties().idleGap.setValue(gap);
    }

    @Override
    public ContactsAdmin contacts() {
        DomainChatPlugin plugin = plugin();
        return plugin == null ? null : plugin.contactsAdmin();
    }

    private static DomainChatPlugin plugin() {
        XMPPServer server = XMPPServer.getInstance();
        if (server == null || server.getPluginManager() == null) {
            return null;
        }
        // By class, not by name: the canonical name is the jar's file name (an admin may upload
        // domainchat-0.4.0.jar), and only the copy whose class loader served this page is this page's plugin.
        for (Plugin plugin : server.getPluginManager().getPlugins()) {
            if (plugin.getClass() == DomainChatPlugin.class) {
                return (DomainChatPlugin) plugin;
            }
        }
        return null;
    }

    private static PluginProperties properties() {
        DomainChatPlugin plugin = plugin();
        PluginProperties properties = plugin == null ? null : plugin.properties();
        if (properties == null) {
            throw new IllegalStateException("The domainchat plugin is not loaded");
        }
        return properties;
    }
}
