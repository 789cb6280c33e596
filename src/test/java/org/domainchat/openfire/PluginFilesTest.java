package org.domainchat.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServlet;

import org.dom4j.Document;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.domainchat.testing.TestDatabase;
import org.jivesoftware.openfire.container.Plugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin's own files as Openfire 5.1.1 reads them (tag v5.1.1: {@code PluginMonitor}, {@code PluginManager},
 * {@code PluginMetadataHelper}, {@code PluginMetadata}, {@code AdminConsole}, {@code LocaleUtils},
 * {@code SystemProperty}, {@code SchemaManager}), not as our stand-ins do. Each rule below names what the server
 * does with the file; the plugin.xml of 0.3.0 ({@code <name>${plugin.name}</name>}) fails the first one.
 */
class PluginFilesTest {

    /** The jar's name without ".jar", lower case: what Openfire calls the canonical name (the pom's finalName). */
    private static final String CANONICAL = "domainchat";
    private static final String SERVER_VERSION = "5.1.1";
    private static final String JAVA_VERSION = "17";
    /** {@code AdminConsole.getAdminText}: a text is an i18n key when it starts with "${" and ends with "}". */
    private static final Pattern I18N_KEY = Pattern.compile("^\\$\\{(.*)}$");
    /** {@code DbConnectionManager.DatabaseType} values a customer may run and we ship scripts for. */
    private static final List<String> DATABASE_TYPES = List.of("hsqldb", "postgresql", "mysql", "mariadb",
            "oracle", "sqlserver");

    @TempDir
    Path home;

    private static Document read(Path file) throws Exception {
        return new SAXReader().read(file.toFile());
    }

    /** plugin.xml as it goes into the jar: the assembly filters it with the pom's properties. */
    private static Document pluginXml() throws Exception {
        String version = read(Path.of("pom.xml")).getRootElement().elementText("version");
        String filtered = Files.readString(Path.of("plugin.xml"), StandardCharsets.UTF_8)
                .replace("${project.version}", version);
        return new SAXReader().read(new java.io.StringReader(filtered));
    }

    private static String text(Document plugin, String element) {
        Element e = plugin.getRootElement().element(element);
        return e == null ? null : e.getTextTrim();
    }

    private static Properties bundle(String file) throws IOException {
        Path path = Path.of("i18n", file + ".properties");
        assertTrue(Files.isRegularFile(path), "Openfire looks for i18n/" + file + ".properties");
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void nameAndDescriptionAreLiteralBecauseOpenfireReadsThemBeforeThePluginIsRegistered() throws Exception {
        Document plugin = pluginXml();
        // PluginMetadata.getInstance -> PluginMetadataHelper.getName/getDescription -> AdminConsole.getAdminText ->
        // LocaleUtils.getLocalizedString(key, canonicalName) -> getPluginByCanonicalName(...).orElseThrow(NPE):
        // the plugin is not in pluginsLoaded yet. getDescription does not catch it: the plugin never loads and the
        // first plugin monitor pass never ends, so Openfire never opens its client ports. getName catches it and
        // keeps "${...}", which makes PluginMonitor (getPluginByName) load a second copy on its next pass.
        for (String element : List.of("name", "description")) {
            String value = text(plugin, element);
            assertNotNull(value, element);
            assertFalse(value.isBlank(), element);
            assertFalse(I18N_KEY.matcher(value).matches(), "<" + element + "> must be literal, not " + value);
        }
        assertEquals("Domain Chat", text(plugin, "name"), "what the plugin list shows");
    }

    @Test
    void settingsAreRegisteredUnderTheNameOpenfireRemovesThemByOnUnload() throws Exception {
        // PluginManager.doDestroyPlugin: SystemProperty.removePropertiesForPlugin(getMetadata(canonical).getName())
        assertEquals(text(pluginXml(), "name"), SettingRegistry.PLUGIN);
    }

    @Test
    void versionsDateAndClassAreWhatTheLoaderAccepts() throws Exception {
        Document plugin = pluginXml();
        assertTrue(text(plugin, "version").matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), text(plugin, "version"));
        LocalDate.parse(text(plugin, "date")); // PluginMetadataHelper: yyyy-MM-dd
        assertTrue(compare(text(plugin, "minServerVersion"), SERVER_VERSION) <= 0,
                "a minServerVersion above " + SERVER_VERSION + " never loads");
        assertTrue(compare(text(plugin, "minJavaVersion"), JAVA_VERSION) <= 0);
        assertEquals(null, text(plugin, "priorToServerVersion"));
        // PluginManager.loadPlugin: pluginLoader.loadClass(className).newInstance(), cast to Plugin
        Class<?> type = Class.forName(text(plugin, "class"));
        assertTrue(Plugin.class.isAssignableFrom(type));
        assertTrue(Modifier.isPublic(type.getModifiers()));
        assertTrue(Modifier.isPublic(type.getConstructor().getModifiers()));
        assertEquals("true", text(plugin, "csrfProtectionEnabled"));
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int d = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }

    @Test
    void adminConsoleTextsResolveThroughTheCanonicalNamesBundleInBothLanguages() throws Exception {
        // PluginManager adds plugin=<canonical name> to tab, sidebar and item; AdminConsole.getAdminText then looks
        // the key up with LocaleUtils.getLocalizedString(key, canonical) in <canonical with . as _>_i18n.
        String file = CANONICAL.replace('.', '_') + "_i18n";
        Properties en = bundle(file);
        Properties de = bundle(file + "_de");
        Element console = pluginXml().getRootElement().element("adminconsole");
        assertNotNull(console);
        Set<String> keys = new TreeSet<>();
        for (Element e : descendants(console)) {
            for (String attribute : List.of("name", "description")) {
                Matcher m = I18N_KEY.matcher(e.attributeValue(attribute, ""));
                if (m.matches()) {
                    keys.add(m.group(1));
                }
            }
        }
        assertTrue(keys.size() >= 10, "found " + keys);
        for (String key : keys) {
            assertTrue(en.containsKey(key), "English text for " + key);
            assertTrue(de.containsKey(key), "German text for " + key);
        }
    }

    @Test
    void everyMenuItemIsAServletOfWebXml() throws Exception {
        // Item urls become plugins/<canonical>/<url>; PluginServlet serves them from web/WEB-INF/web.xml mappings.
        Document web = read(Path.of("src", "web", "WEB-INF", "web.xml"));
        Map<String, String> classes = new java.util.HashMap<>();
        Map<String, String> patterns = new java.util.HashMap<>();
        for (Element e : web.getRootElement().elements()) {
            if (e.getName().equals("servlet")) {
                classes.put(child(e, "servlet-name"), child(e, "servlet-class"));
            } else if (e.getName().equals("servlet-mapping")) {
                patterns.put(child(e, "url-pattern"), child(e, "servlet-name"));
            }
        }
        List<String> items = new ArrayList<>();
        for (Element e : descendants(pluginXml().getRootElement())) {
            if (e.getName().equals("item")) {
                items.add(e.attributeValue("url"));
            }
        }
        assertEquals(5, items.size());
        for (String url : items) {
            String name = patterns.get("/" + url);
            assertNotNull(name, "no servlet mapping for menu item " + url);
            Class<?> servlet = Class.forName(classes.get(name));
            assertTrue(HttpServlet.class.isAssignableFrom(servlet), servlet.getName());
            assertTrue(Modifier.isPublic(servlet.getConstructor().getModifiers()), servlet.getName());
        }
    }

    private static List<Element> descendants(Element root) {
        List<Element> out = new ArrayList<>();
        for (Element e : root.elements()) {
            out.add(e);
            out.addAll(descendants(e));
        }
        return out;
    }

    private static String child(Element parent, String name) {
        for (Element e : parent.elements()) {
            if (e.getName().equals(name)) {
                return e.getTextTrim();
            }
        }
        throw new AssertionError(parent.getName() + " has no " + name);
    }

    @Test
    void databaseScriptsExistForEveryVersionAndDatabase() throws Exception {
        // SchemaManager.checkSchema: database/<key>_<type>.sql installs and must leave ofVersion at the plugin.xml
        // version; upgrade/<n>/<key>_<type>.sql runs for each n above the stored version.
        Document plugin = pluginXml();
        String key = text(plugin, "databaseKey");
        int version = Integer.parseInt(text(plugin, "databaseVersion"));
        assertEquals(CANONICAL, key);
        for (String type : DATABASE_TYPES) {
            Path install = Path.of("src", "database", key + "_" + type + ".sql");
            String sql = Files.readString(install, StandardCharsets.UTF_8);
            assertTrue(sql.contains("INSERT INTO ofVersion (name, version) VALUES ('" + key + "', " + version + ")"),
                    install + " records version " + version);
            for (int n = 2; n <= version; n++) {
                Path upgrade = Path.of("src", "database", "upgrade", Integer.toString(n), key + "_" + type + ".sql");
                assertTrue(Files.readString(upgrade, StandardCharsets.UTF_8)
                        .contains("UPDATE ofVersion SET version = " + n + " WHERE name = '" + key + "'"), upgrade + "");
            }
            assertFalse(Files.exists(Path.of("src", "database", "upgrade", Integer.toString(version + 1))),
                    "an upgrade beyond databaseVersion would never run");
        }
    }

    @Test
    void everySettingTheLoadedPluginRegistersHasItsPluginAndItsTextsInBothLanguages() throws Exception {
        // SystemProperty's constructor: LocaleUtils.getLocalizedPluginString(plugin, "system_property." + key),
        // which reads the bundle <plugin name without non-word characters, lower case>_i18n (a missing key logs a
        // WARN at every start and leaves the System Properties page without a description).
        List<FakeSystemProperties.Registered> registered;
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.HSQLDB);
             FakeOpenfire openfire = new FakeOpenfire(home)) {
            DomainChatPlugin plugin = new DomainChatPlugin(db.connections());
            plugin.initializePlugin(null, home.resolve("plugins/domainchat").toFile());
            try {
                assertNotNull(plugin.webmail(), "every feature started, so every setting was registered");
                registered = openfire.properties.everRegistered();
            } finally {
                plugin.destroyPlugin();
            }
        }
        String file = SettingRegistry.PLUGIN.replaceAll("\\W", "").toLowerCase() + "_i18n";
        Properties en = bundle(file);
        Properties de = bundle(file + "_de");
        assertTrue(registered.size() >= 24, "found " + registered.size());
        for (FakeSystemProperties.Registered r : registered) {
            assertEquals(SettingRegistry.PLUGIN, r.plugin(), r.key());
            assertTrue(r.key().startsWith("domainchat."), r.key());
            assertFalse(en.getProperty("system_property." + r.key(), "").isBlank(), "English text for " + r.key());
            assertFalse(de.getProperty("system_property." + r.key(), "").isBlank(), "German text for " + r.key());
        }
        Set<String> documented = new TreeSet<>();
        for (String k : en.stringPropertyNames()) {
            if (k.startsWith("system_property.")) {
                documented.add(k.substring("system_property.".length()));
            }
        }
        Set<String> keys = new TreeSet<>();
        registered.forEach(r -> keys.add(r.key()));
        assertEquals(keys, documented, "a text for a setting that does not exist is a stale one");
    }
}
