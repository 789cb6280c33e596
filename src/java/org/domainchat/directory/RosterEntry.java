package org.domainchat.directory;

import java.util.List;

/**
 * One item of a roster as a client sees it.
 *
 * @param jid          bare JID
 * @param name         display name, or null
 * @param groups       group names, never null
 * @param subscription none, to, from or both
 * @param ask          "subscribe" while a request is pending, else null
 * @param managed      true for domain contacts the user cannot remove
 */
public record RosterEntry(String jid, String name, List<String> groups, String subscription, String ask,
                          boolean managed) {
}
