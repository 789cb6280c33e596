package org.domainchat.openfire;

import org.domainchat.admin.ArchiveStatusServlet;

/** The archive status page as Openfire instantiates it (web.xml). */
public class ArchiveStatusPage extends ArchiveStatusServlet {

    public ArchiveStatusPage() {
        super(new OpenfireAdminContext());
    }
}
