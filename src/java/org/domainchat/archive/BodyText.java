package org.domainchat.archive;

import java.nio.charset.StandardCharsets;

/** Cleans and caps message bodies so every database and XML writer accepts what we store. */
final class BodyText {

    private BodyText() {
    }

    /**
     * Removes characters that XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF). Tinder rejects
     * most of them on the wire, but server-side code can still create such bodies and PostgreSQL refuses U+0000.
     */
    static String sanitize(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean valid;
            if (Character.isHighSurrogate(c)) {
                valid = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
                if (valid) {
                    if (out != null) {
                        out.append(c).append(text.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                valid = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            }
            if (!valid && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            } else if (valid && out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
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
