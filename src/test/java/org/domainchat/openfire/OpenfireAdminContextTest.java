package org.domainchat.openfire;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import java.util.List;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.admin.AdminManager;
import org.jivesoftware.openfire.auth.AuthToken;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

/** The admin pages trust only a logged-in Openfire administrator, and find the core through the plugin manager. */
class OpenfireAdminContextTest {

    private static HttpServletRequest requestWith(Object token) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        HttpSession session = mock(HttpSession.class);
        when(request.getSession(false)).thenReturn(session);
        when(session.getAttribute(OpenfireAdminContext.AUTH_TOKEN_ATTRIBUTE)).thenReturn(token);
        return request;
    }

    private static AuthToken tokenFor(String username) {
        AuthToken token = mock(AuthToken.class);
        when(token.getUsername()).thenReturn(username);
        return token;
    }

    @Test
    void onlyALoggedInAdministratorIsAnAdmin() {
        try (MockedStatic<AdminManager> admins = mockStatic(AdminManager.class)) {
            AdminManager manager = mock(AdminManager.class);
            admins.when(AdminManager::getInstance).thenReturn(manager);
            when(manager.isUserAdmin("root", true)).thenReturn(true);
            when(manager.isUserAdmin("alice", true)).thenReturn(false);
            OpenfireAdminContext context = new OpenfireAdminContext();

            assertTrue(context.isAdmin(requestWith(tokenFor("root"))));
            assertFalse(context.isAdmin(requestWith(tokenFor("alice"))), "a user who is not an admin");
            assertFalse(context.isAdmin(requestWith(tokenFor(null))), "a token without a user");
            assertFalse(context.isAdmin(requestWith("root")), "something else in the attribute");
            assertFalse(context.isAdmin(requestWith(null)), "not logged in");
            HttpServletRequest noSession = mock(HttpServletRequest.class);
            assertFalse(context.isAdmin(noSession), "no session at all");
        }
    }

    @Test
    void findsTheRunningCoreThroughThePluginManager() {
        try (MockedStatic<XMPPServer> server = mockStatic(XMPPServer.class)) {
            XMPPServer xmpp = mock(XMPPServer.class);
            PluginManager plugins = mock(PluginManager.class);
            server.when(XMPPServer::getInstance).thenReturn(xmpp);
            when(xmpp.getPluginManager()).thenReturn(plugins);
            OpenfireAdminContext context = new OpenfireAdminContext();

            when(plugins.getPlugins()).thenReturn(List.of());
            assertNull(context.core(), "plugin not loaded");

            when(plugins.getPlugins()).thenReturn(List.of(mock(Plugin.class)));
            assertNull(context.core(), "only other plugins are loaded");

            DomainChatPlugin notStarted = new DomainChatPlugin();
            when(plugins.getPlugins()).thenReturn(List.of(mock(Plugin.class), notStarted));
            assertNull(context.core(), "loaded but its core did not start");
        }
    }
}
