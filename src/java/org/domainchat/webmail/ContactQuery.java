package org.domainchat.webmail;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code q} filter of {@code GET /contacts} ("Chat With…"): every word of it must occur in a contact's name or
 * username, ignoring case and accents, so that {@code jose} finds José, {@code muller} Müller and
 * {@code strasse} Straße. A word with {@code @} is matched against the address instead, for people who type one.
 */
final class ContactQuery {

    static final int MAX_CHARS = 100;
    static final ContactQuery ALL = new ContactQuery(List.of());

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final List<String> terms;

    private ContactQuery(List<String> terms) {
        this.terms = terms;
    }

    /** The filter for {@code q}; absent or blank is {@link #ALL}; longer than {@value #MAX_CHARS} characters is 400. */
    static ContactQuery parse(String q) {
        if (q == null || q.isBlank()) {
            return ALL;
        }
        if (q.length() > MAX_CHARS) {
            throw Params.invalid("q", "is longer than " + MAX_CHARS + " characters");
        }
        return new ContactQuery(List.of(SPACES.split(fold(q).strip())));
    }

    boolean isAll() {
        return terms.isEmpty();
    }

    /**
     * @param foldedName     the contact's display name, {@link #fold}ed
     * @param foldedUsername the username or alias name, {@link #fold}ed
     * @param domain         the domain of the address, lower case
     */
    boolean matches(String foldedName, String foldedUsername, String domain) {
        for (String term : terms) {
            boolean found = term.indexOf('@') >= 0
                    ? (foldedUsername + "@" + domain).contains(term)
                    : foldedName.contains(term) || foldedUsername.contains(term);
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /**
     * Lower case without accents: compatibility decomposition drops the marks (é → e) and splits ligatures
     * (ﬁ → fi); the letters that do not decompose are spelled out as German and Nordic readers would type them.
     */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFKD);
        String plain = MARKS.matcher(decomposed).replaceAll("");
        StringBuilder out = new StringBuilder(plain.length());
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            switch (c) {
                case 'ß' -> out.append("ss");
                case 'æ' -> out.append("ae");
                case 'œ' -> out.append("oe");
                case 'ø' -> out.append('o');
                case 'ł' -> out.append('l');
                case 'đ', 'ð' -> out.append('d');
                case 'þ' -> out.append("th");
                case 'ı' -> out.append('i');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
