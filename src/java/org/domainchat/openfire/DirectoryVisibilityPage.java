package org.domainchat.openfire;

import org.domainchat.admin.DirectoryVisibilityServlet;

/** The directory visibility page as Openfire instantiates it (web.xml). */
public class DirectoryVisibilityPage extends DirectoryVisibilityServlet {

    public DirectoryVisibilityPage() {
        super(new OpenfireAdminContext());
    }
}
