package org.domainchat.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The English and German bundles: same keys, complete, UTF-8, and covering every key the plugin uses. */
class I18nBundlesTest {

    private static final Path EN = Path.of("i18n", "domainchat_i18n.properties");
    private static final Path DE = Path.of("i18n", "domainchat_i18n_de.properties");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[0-9]+}");

    private static Properties load(Path file) throws IOException {
        // Strict UTF-8: a Latin-1 umlaut would fail here instead of turning into garbage.
        try (Reader reader = new java.io.InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT))) {
            Properties p = new Properties();
            p.load(reader);
            return p;
        } catch (CharacterCodingException e) {
            throw new AssertionError(file + " is not UTF-8", e);
        }
    }

    private static Set<String> placeholders(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @Test
    void bothBundlesHaveExactlyTheSameKeys() throws IOException {
        Set<String> en = new TreeSet<>(load(EN).stringPropertyNames());
        Set<String> de = new TreeSet<>(load(DE).stringPropertyNames());
        Set<String> onlyEn = new TreeSet<>(en);
        onlyEn.removeAll(de);
        Set<String> onlyDe = new TreeSet<>(de);
        onlyDe.removeAll(en);
        assertTrue(onlyEn.isEmpty(), "missing in German: " + onlyEn);
        assertTrue(onlyDe.isEmpty(), "missing in English: " + onlyDe);
        assertTrue(en.size() > 50);
    }

    @Test
    void everyTextIsPresentAndHasTheSamePlaceholders() throws IOException {
        Properties en = load(EN);
        Properties de = load(DE);
        for (String key : en.stringPropertyNames()) {
            assertFalse(en.getProperty(key).isBlank(), "empty English text " + key);
            assertFalse(de.getProperty(key, "").isBlank(), "empty German text " + key);
            assertEquals(placeholders(en.getProperty(key)), placeholders(de.getProperty(key)), key);
        }
    }

    @Test
    void germanIsWrittenWithRealUmlauts() throws IOException {
        Properties de = load(DE);
        assertEquals("Größe des Index", de.getProperty("status.index.size"));
        assertEquals("Gespräch anzeigen", de.getProperty("search.results.view"));
        for (String key : de.stringPropertyNames()) {
            String text = de.getProperty(key);
            assertFalse(text.contains("\\u"), key);
            assertFalse(text.matches(".*\\b(Groesse|Gespraech|fuer|ueber|Naechste)\\b.*"), "transliterated: " + key);
        }
    }

    @Test
    void pluginXmlKeysAreDefined() throws IOException {
        Properties en = load(EN);
        String pluginXml = Files.readString(Path.of("plugin.xml"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\\$\\{([a-z][a-zA-Z.]*)}").matcher(pluginXml);
        Set<String> used = new TreeSet<>();
        while (m.find()) {
            if (!m.group(1).startsWith("project.")) {
                used.add(m.group(1));
            }
        }
        assertEquals(new TreeSet<>(Set.of("admin.sidebar.name",
                "admin.sidebar.description", "admin.item.archive.name", "admin.item.archive.description",
                "admin.item.search.name", "admin.item.search.description", "admin.item.settings.name",
                "admin.item.settings.description", "admin.item.directory.name", "admin.item.directory.description",
                "admin.item.aliases.name", "admin.item.aliases.description")), used);
        for (String key : used) {
            assertTrue(en.containsKey(key), key);
        }
    }

    @Test
    void everyKeyThePagesUseIsDefined() throws IOException {
        Properties en = load(EN);
        Pattern use = Pattern.compile("\\.(?:get|html)\\(\"([a-zA-Z.]+)\"");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> sources = Files.list(Path.of("src", "java", "org", "domainchat", "admin"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = use.matcher(Files.readString(source, StandardCharsets.UTF_8));
                while (m.find()) {
                    if (!m.group(1).endsWith(".")) { // a prefix of computed keys, checked on their own
                        used.add(m.group(1));
                    }
                }
            }
        }
        assertTrue(used.size() > 40, "found " + used);
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(en.stringPropertyNames());
        assertTrue(missing.isEmpty(), "used but not defined: " + missing);
    }

    @Test
    void bundlesLoadFromTheClasspathAndIgnoreTheJvmDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            Texts en = Texts.load(Locale.ENGLISH, getClass().getClassLoader());
            assertEquals("Search Chat Archive", en.get("search.title"));
            Texts de = Texts.load(Locale.GERMANY, getClass().getClassLoader());
            assertEquals("Chat-Archiv durchsuchen", de.get("search.title"));
            Locale.setDefault(Locale.ENGLISH);
            assertEquals("Gespräch anzeigen", Texts.load(Locale.GERMAN, getClass().getClassLoader())
                    .get("search.results.view"));
            assertEquals("Search Chat Archive", Texts.load(Locale.FRENCH, getClass().getClassLoader())
                    .get("search.title"), "unsupported languages fall back to English");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void everySearchProblemHasATextInBothLanguages() throws Exception {
        for (String file : new String[]{"i18n/domainchat_i18n.properties", "i18n/domainchat_i18n_de.properties"}) {
            java.util.Properties texts = new java.util.Properties();
            try (java.io.Reader in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(file),
                    java.nio.charset.StandardCharsets.UTF_8)) {
                texts.load(in);
            }
            for (org.domainchat.search.SearchOutcome.Problem problem
                    : org.domainchat.search.SearchOutcome.Problem.values()) {
                String text = texts.getProperty("search.problem." + problem.code());
                org.junit.jupiter.api.Assertions.assertNotNull(text, file + " lacks " + problem.code());
                org.junit.jupiter.api.Assertions.assertFalse(text.isBlank());
            }
        }
    }
}
