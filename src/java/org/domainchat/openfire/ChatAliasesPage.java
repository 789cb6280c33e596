package org.domainchat.openfire;

import org.domainchat.admin.ChatAliasesServlet;

/** The chat aliases page as Openfire instantiates it (web.xml). */
public class ChatAliasesPage extends ChatAliasesServlet {

    public ChatAliasesPage() {
        super(new OpenfireAdminContext());
    }
}
