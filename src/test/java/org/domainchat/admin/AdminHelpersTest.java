package org.domainchat.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.domainchat.search.SearchHit;
import org.junit.jupiter.api.Test;

/** The small helpers behind the pages: escaping, JSON strings, texts and formats, parsing of form input. */
class AdminHelpersTest {

    @Test
    void htmlEscapesTheFiveSpecialCharacters() {
        assertEquals("&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;",
                Html.escape("<script>alert(\"x\" & 'y')</script>"));
        assertEquals("", Html.escape(null));
        String plain = "nothing to escape: äöü";
        assertSame(plain, Html.escape(plain));
    }

    @Test
    void jsonStringsAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\\u003c/x\\u003e\"", Json.quote("a\"b\\c\n\u0001</x>"));
        String json = new Json().put("n", 5L).put("s", (String) null).put("b", true)
                .put("o", new Json().put("x", "ü")).toString();
        assertEquals("{\"n\":5,\"s\":null,\"b\":true,\"o\":{\"x\":\"ü\"}}", json);
        assertEquals(Map.of("x", "ü"), MiniJson.object(MiniJson.parse(json), "o"));
    }

    @Test
    void textsReplacePlaceholdersLiterally() {
        Texts en = Texts.load(Locale.ENGLISH, getClass().getClassLoader());
        assertEquals("The idle gap must be a whole number of minutes from 1 to 1440. It was not changed and stays "
                + "at 30 minutes.", en.get("status.idleGap.invalid", 1, 1440, 30));
        assertEquals("The from date \"{1}\" is not a valid date (yyyy-MM-dd).", en.get("search.error.from", "{1}"),
                "an argument is never expanded again");
        assertEquals("???no.such.key???", en.get("no.such.key"));
        assertEquals("Messages found: &lt;b&gt;", en.html("search.results.total", "<b>"));
    }

    @Test
    void numbersSizesAndPercentagesFollowTheLocale() {
        Texts en = Texts.load(Locale.ENGLISH, getClass().getClassLoader());
        Texts de = Texts.load(Locale.GERMAN, getClass().getClassLoader());
        assertEquals("12.3 MB", en.bytes(12_900_000));
        assertEquals("12,3 MB", de.bytes(12_900_000));
        assertEquals("512 B", en.bytes(512));
        assertEquals("1.5 KB", en.bytes(1536));
        assertEquals("1,234,567", en.number(1_234_567));
        assertEquals("1.234.567", de.number(1_234_567));
        assertEquals("50%", en.percent(1, 2));
        assertEquals("0%", en.percent(0, 0));
        assertEquals("never", en.time(0));
        assertEquals("nie", de.time(0));
    }

    @Test
    void idleGapInputMustBeAWholeNumberInRange() {
        assertEquals(1, ArchiveStatusServlet.parseMinutes("1"));
        assertEquals(1440, ArchiveStatusServlet.parseMinutes(" 1440 "));
        for (String bad : new String[]{null, "", "0", "1441", "-1", "+5", "1.5", "abc", "99999999999", "1e3"}) {
            assertNull(ArchiveStatusServlet.parseMinutes(bad), bad);
        }
    }

    @Test
    void datesAreStrictIsoDays() {
        assertEquals(LocalDate.of(2026, 2, 28), ArchiveSearchServlet.parseDate("2026-02-28"));
        assertNull(ArchiveSearchServlet.parseDate(""));
        assertNull(ArchiveSearchServlet.parseDate(null));
        for (String bad : new String[]{"2026-02-30", "2026-13-01", "26-01-01", "2026-1-1", "+12026-01-01", "x"}) {
            assertThrows(DateTimeParseException.class, () -> ArchiveSearchServlet.parseDate(bad), bad);
        }
    }

    @Test
    void snippetsAreEscapedAndMatchesMarked() {
        assertEquals("&lt;b&gt;<mark>a&amp;b</mark> c", ArchiveSearchServlet.snippet(List.of(
                new SearchHit.Fragment("<b>", false), new SearchHit.Fragment("a&b", true),
                new SearchHit.Fragment(" c", false))));
    }

    @Test
    void linksCarryOnlyTheGivenParametersUrlEncoded() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("q", "a b&c=\"d\"");
        p.put("participant", "");
        p.put("order", "newest");
        p.put("cursor", "n123");
        assertEquals("archive-search?q=a+b%26c%3D%22d%22&order=newest&cursor=n123", ArchiveSearchServlet.link(p));
    }
}
