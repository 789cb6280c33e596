package org.domainchat.openfire;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.domainchat.webmail.live.StatusMemory;
import org.domainchat.webmail.live.WebmailStatus;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.openfire.user.UserNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each user's chosen webmail status in their Openfire user properties: they survive restarts, are shared by the
 * nodes of a cluster and go away with the account. Every write there is a database write and a {@code user_modified}
 * event, so unchanged values are not written again.
 */
public final class OpenfireStatusMemory implements StatusMemory {

    private static final Logger LOG = LoggerFactory.getLogger(OpenfireStatusMemory.class);

    static final String STATUS = "domainchat.webmail.status";
    static final String TEXT = "domainchat.webmail.statusText";
    /** Openfire's narrowest property column is Oracle's {@code VARCHAR2(1024)}, counted in bytes by default. */
    static final int MAX_TEXT = 1024;

    private final UserManager users;

    public OpenfireStatusMemory(UserManager users) {
        this.users = users;
    }

    @Override
    public Optional<Chosen> recall(String username) {
        try {
            Map<String, String> properties = users.getUser(username).getProperties();
            Optional<WebmailStatus> status = WebmailStatus.ofLabel(properties.get(STATUS));
            return status.map(s -> new Chosen(s, properties.get(TEXT)));
        } catch (UserNotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.warn("domainchat webmail: the remembered status of {} could not be read", username, e);
            return Optional.empty();
        }
    }

    @Override
    public void remember(String username, Chosen chosen) {
        try {
            Map<String, String> properties = users.getUser(username).getProperties();
            update(properties, STATUS, chosen.status().label());
            update(properties, TEXT, capped(chosen.text()));
        } catch (UserNotFoundException e) {
            LOG.debug("domainchat webmail: no account {} to remember a status for", username);
        } catch (RuntimeException e) {
            LOG.warn("domainchat webmail: the status of {} could not be remembered", username, e);
        }
    }

    /** An empty value removes the property: the column is NOT NULL, and Oracle stores an empty text as NULL. */
    private static void update(Map<String, String> properties, String key, String value) {
        if (value.isEmpty()) {
            if (properties.containsKey(key)) {
                properties.remove(key);
            }
        } else if (!Objects.equals(properties.get(key), value)) {
            properties.put(key, value);
        }
    }

    /** At most {@link #MAX_TEXT} characters and as many UTF-8 bytes, cut between whole characters. */
    static String capped(String text) {
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int next = end + Character.charCount(cp);
            bytes += utf8Length(cp);
            if (next > MAX_TEXT || bytes > MAX_TEXT) {
                break;
            }
            end = next;
        }
        return text.substring(0, end);
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
