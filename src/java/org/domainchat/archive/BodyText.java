package org.domainchat.archive;

import java.nio.charset.StandardCharsets;

import org.domainchat.util.XmlChars;

/** Cleans and caps message bodies so every database and XML writer accepts what we store. */
final class BodyText {

    private BodyText() {
    }

    /**
     * Removes characters that XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF). Tinder rejects
     * most of them on the wire, but server-side code can still create such bodies and PostgreSQL refuses U+0000.
     */
    static String sanitize(String text) {
        return XmlChars.clean(text);
    }

    /** The longest prefix of {@code text} whose UTF-8 encoding fits in {@code maxBytes}, never splitting a character. */
    static String truncateUtf8(String text, int maxBytes) {
        if ((long) text.length() * 3 <= maxBytes) {
            return text;
        }
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                return text.substring(0, i);
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return text;
    }

    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
