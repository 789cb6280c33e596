package org.domainchat.admin;

/** A hand-written JSON object, enough for the status figures (no JSON library in the plugin). */
final class Json {

    private final StringBuilder out = new StringBuilder("{");
    private boolean empty = true;

    Json put(String name, long value) {
        return raw(name, Long.toString(value));
    }

    Json put(String name, boolean value) {
        return raw(name, Boolean.toString(value));
    }

    /** A string, or {@code null} when {@code value} is null. */
    Json put(String name, String value) {
        return raw(name, value == null ? "null" : quote(value));
    }

    /** A number, or {@code null} when {@code value} is null. */
    Json put(String name, Long value) {
        return raw(name, value == null ? "null" : value.toString());
    }

    /** A number, or {@code null} when {@code value} is NaN (nothing measured yet). */
    Json put(String name, double value) {
        return raw(name, Double.isNaN(value) || Double.isInfinite(value) ? "null"
                : String.format(java.util.Locale.ROOT, "%.3f", value));
    }

    Json put(String name, Json object) {
        return raw(name, object.toString());
    }

    private Json raw(String name, String value) {
        if (!empty) {
            out.append(',');
        }
        empty = false;
        out.append(quote(name)).append(':').append(value);
        return this;
    }

    @Override
    public String toString() {
        return out + "}";
    }

    /** A JSON string literal; {@code < > &} are escaped too so the text is inert wherever it is pasted. */
    static String quote(String text) {
        StringBuilder q = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                case '\b' -> q.append("\\b");
                case '\f' -> q.append("\\f");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
