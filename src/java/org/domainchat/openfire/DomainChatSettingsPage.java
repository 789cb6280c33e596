package org.domainchat.openfire;

import org.domainchat.admin.DomainChatSettingsServlet;

/** The domain chat settings page as Openfire instantiates it (web.xml). */
public class DomainChatSettingsPage extends DomainChatSettingsServlet {

    public DomainChatSettingsPage() {
        super(new OpenfireAdminContext());
    }
}
