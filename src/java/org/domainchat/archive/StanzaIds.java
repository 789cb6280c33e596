package org.domainchat.archive;

/** The XEP-0359 stanza-id form of archive ids: a plain decimal, stable for the life of the archive. */
public final class StanzaIds {

    public static final String NAMESPACE = "urn:xmpp:sid:0";

    private StanzaIds() {
    }

    public static String format(long archiveId) {
        return Long.toString(archiveId);
    }

    /** The archive id, or -1 when {@code text} is not one. */
    public static long parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 19) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(text);
    }
}
