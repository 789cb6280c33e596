package org.domainchat.history;

/**
 * A link or an uploaded file found in an archived message.
 *
 * @param url  an absolute http or https URL, as written (never any other scheme)
 * @param name the file name guessed from the URL's last path segment, or null when the path has none
 */
public record Attachment(long messageId, long conversationId, long sentAt, String from, String url, Kind kind,
                         String name) {

    public enum Kind {
        /** A URL written in the message's text. */
        LINK,
        /** A file shared by upload: an XEP-0066 out-of-band URL, or a URL on the server's upload path. */
        FILE
    }
}
