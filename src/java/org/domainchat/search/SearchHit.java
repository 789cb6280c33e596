package org.domainchat.search;

import java.util.List;

/**
 * @param snippet the best passage of the body, split into plain text and the parts that matched; callers escape
 *                each fragment for where they show it
 */
public record SearchHit(long id, long conversationId, long sentAt, String from, String to, String body,
                        List<Fragment> snippet, float score) {

    public record Fragment(String text, boolean match) {
    }
}
