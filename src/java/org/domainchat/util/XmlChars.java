package org.domainchat.util;

/**
 * The characters XML 1.0 allows: tab, line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD and paired surrogates
 * (U+10000 and up). Openfire routes what a plugin hands it as it is, and a single other character (U+0000, U+001B,
 * U+FFFE, a lone surrogate) in a body, a status text or a name makes the receiving client close its stream with a
 * parse error. So text typed by people is refused with a clear error where it enters, and text from elsewhere (the
 * user store, vCards, old archives) is cleaned before it goes into a stanza.
 */
public final class XmlChars {

    private XmlChars() {
    }

    /** The index of the first character XML 1.0 forbids, or -1 when {@code text} has none (or is null). */
    public static int firstInvalid(CharSequence text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (!allowedBmp(c)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code text} without the characters XML 1.0 forbids; the same instance when it has none; null stays null. */
    public static String clean(String text) {
        int first = firstInvalid(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    out.append(c).append(text.charAt(++i));
                }
            } else if (allowedBmp(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The character at {@code index} as {@code U+001B} (a lone surrogate as itself), for error messages. */
    public static String describe(CharSequence text, int index) {
        return String.format(java.util.Locale.ROOT, "U+%04X", (int) text.charAt(index));
    }

    /** A lone low surrogate is not allowed; high surrogates are handled by the callers with their pair. */
    private static boolean allowedBmp(char c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
    }
}
