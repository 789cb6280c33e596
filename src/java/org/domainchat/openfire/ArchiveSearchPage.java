package org.domainchat.openfire;

import org.domainchat.admin.ArchiveSearchServlet;

/** The archive search page as Openfire instantiates it (web.xml). */
public class ArchiveSearchPage extends ArchiveSearchServlet {

    public ArchiveSearchPage() {
        super(new OpenfireAdminContext());
    }
}
