package org.domainchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dom4j.Document;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.domainchat.testing.OpenfireSchemaRunner;
import org.junit.jupiter.api.Test;

/** What Openfire reads from the plugin before any of our code runs: mistakes here only show as log warnings. */
class PluginPackagingTest {

    private static final List<String> DATABASES = List.of("hsqldb", "postgresql", "mysql", "mariadb", "sqlserver",
            "oracle");

    private static Document read(String file) throws Exception {
        return new SAXReader().read(Path.of(file).toFile());
    }

    @Test
    void pluginXmlHasWhatOpenfire51Checks() throws Exception {
        Element plugin = read("plugin.xml").getRootElement();
        assertEquals("org.domainchat.openfire.DomainChatPlugin", plugin.elementText("class"));
        assertEquals("5.1.1", plugin.elementText("minServerVersion")); // SessionManager.bindResource is new in 5.1.1
        assertEquals("17", plugin.elementText("minJavaVersion"));
        assertEquals("domainchat", plugin.elementText("databaseKey"));
        assertEquals("true", plugin.elementText("csrfProtectionEnabled"));
        assertTrue(plugin.elementText("date").matches("\\d{4}-\\d{2}-\\d{2}"));
        String version = plugin.elementText("databaseVersion");
        for (String db : DATABASES) {
            List<String> statements = OpenfireSchemaRunner.statements("database/domainchat_" + db + ".sql", false);
            assertTrue(statements.get(statements.size() - 1)
                            .matches("INSERT INTO ofVersion \\(name, version\\) VALUES \\('domainchat', " + version
                                    + "\\);"),
                    db + " script must end by recording schema version " + version);
        }
    }

    @Test
    void everyDatabaseHasAnUpgradeScriptForEveryLaterVersion() throws Exception {
        int version = Integer.parseInt(read("plugin.xml").getRootElement().elementText("databaseVersion"));
        for (int n = 2; n <= version; n++) {
            for (String db : DATABASES) {
                List<String> statements = OpenfireSchemaRunner.statements(
                        "database/upgrade/" + n + "/domainchat_" + db + ".sql", false);
                assertEquals("UPDATE ofVersion SET version = " + n + " WHERE name = 'domainchat';",
                        statements.get(statements.size() - 1), db + " upgrade " + n);
            }
        }
    }

    @Test
    void everyAdminMenuItemHasAServletAndAPage() throws Exception {
        Element plugin = read("plugin.xml").getRootElement();
        List<String> urls = new ArrayList<>();
        for (Element item : plugin.element("adminconsole").element("tab").element("sidebar").elements("item")) {
            urls.add("/" + item.attributeValue("url"));
        }
        List<String> mapped = new ArrayList<>();
        Element webApp = read("src/web/WEB-INF/web.xml").getRootElement();
        for (Element mapping : webApp.elements("servlet-mapping")) {
            mapped.add(mapping.elementText("url-pattern"));
        }
        assertEquals(new TreeSet<>(urls), new TreeSet<>(mapped));
        for (Element servlet : webApp.elements("servlet")) {
            Class<?> type = Class.forName(servlet.elementText("servlet-class"));
            type.getConstructor(); // Openfire instantiates it with no arguments
        }
    }

    @Test
    void allSixSchemaScriptsDeclareTheSameTablesAndColumns() throws Exception {
        Map<String, String> shapes = new LinkedHashMap<>();
        for (String db : DATABASES) {
            String script = Files.readString(Path.of("src/database/domainchat_" + db + ".sql"));
            StringBuilder shape = new StringBuilder();
            Matcher table = Pattern.compile("CREATE (?:CACHED )?TABLE (\\w+) \\((.*?)\\n\\)", Pattern.DOTALL).matcher(script);
            while (table.find()) {
                shape.append(table.group(1)).append(':');
                for (String line : table.group(2).split("\\n")) {
                    String t = line.trim();
                    if (!t.isEmpty() && !t.startsWith("CONSTRAINT")) {
                        shape.append(t.split("\\s+")[0]).append(',');
                    }
                }
                shape.append(';');
            }
            // MySQL/MariaDB index a key prefix of long columns, e.g. fromJid(255): the same column
            Matcher index = Pattern.compile("CREATE INDEX (\\w+) ON (\\w+) \\(((?:[^()]|\\(\\d+\\))*)\\)")
                    .matcher(script);
            while (index.find()) {
                shape.append(index.group(1)).append('=').append(index.group(3).replaceAll("\\(\\d+\\)", ""))
                        .append(';');
            }
            shapes.put(db, shape.toString());
        }
        String expected = shapes.get("hsqldb");
        assertTrue(expected.contains("dcMessage:messageId,") && expected.contains("dcConversation:conversationId,"));
        shapes.forEach((db, shape) -> assertEquals(expected, shape, db));
    }
}
