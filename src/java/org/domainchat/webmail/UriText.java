package org.domainchat.webmail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits and decodes the raw request path and query ourselves: the servlet container's decoded path loses the
 * difference between {@code /} and {@code %2F}, and its parameter parsing throws on bad encoding (which would surface
 * as a server fault instead of the caller's mistake) and reads form bodies.
 */
final class UriText {

    private UriText() {
    }

    /**
     * The decoded segments of {@code rawPath} after the first {@code skip} (the context path's segments). Counting
     * segments rather than comparing prefixes keeps working when a client percent-encodes part of the context path.
     */
    static List<String> pathSegments(String rawPath, int skip) {
        String[] parts = rawPath.split("/", -1);
        List<String> out = new ArrayList<>();
        // parts[0] is the empty text before the leading slash.
        for (int i = 1 + skip; i < parts.length; i++) {
            String segment = decode(parts[i], false);
            if (segment.equals(".") || segment.equals("..")) {
                throw ApiError.badRequest("malformed-request", "The request path must not contain . or .. segments.");
            }
            out.add(segment);
        }
        return out;
    }

    /** Query parameters in order of appearance, each with every value it was given; {@code +} is a space. */
    static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
        return out;
    }

    /** Percent-decoding as UTF-8 that refuses malformed escapes and byte sequences instead of guessing. */
    static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw malformed();
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                int cp = raw.codePointAt(i);
                byte[] encoded = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(cp) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw malformed();
        }
    }

    private static ApiError malformed() {
        return ApiError.badRequest("malformed-request", "The request address contains a malformed %-escape.");
    }
}
