package org.domainchat.admin;

import java.time.Duration;
import java.util.Locale;

import javax.servlet.http.HttpServletRequest;

import org.domainchat.DomainChat;

/** What the admin pages need from the plugin around them; Openfire's adapter implements it, tests fake it. */
public interface AdminContext {

    /** The running core, or null while the plugin is not running (the pages then say so). */
    DomainChat core();

    /** True when the request comes from a logged-in Openfire administrator. */
    boolean isAdmin(HttpServletRequest request);

    /** The admin console's language. */
    Locale locale();

    Duration idleGap();

    /** Stores {@code domainchat.archive.idleGap}; takes effect for the next message. */
    void setIdleGap(Duration gap);

    /** Domain chat's activation, directory and aliases, or null while they are not running (the pages say so). */
    ContactsAdmin contacts();
}
