package org.domainchat.admin;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServlet;

import org.domainchat.alias.Alias;
import org.domainchat.alias.AliasBook;
import org.domainchat.alias.AliasStore;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.testing.TestDatabase;

/**
 * The three domain chat pages behind a real Jetty ({@link TestConsole}), over {@link FakeContacts} with a real
 * {@link AliasBook} on in-memory HSQLDB. The domain has a handful of named people, a few accounts that are not
 * people, and 10,000 numbered accounts, so a search can match more than a page shows.
 */
final class ContactsFixture implements AutoCloseable {

    static final String DOMAIN = "example.com";
    static final int NUMBERED_ACCOUNTS = 10_000;
    static final String MARKUP_NAME = "<img src=x onerror=alert(1)>";
    static final List<DirectoryUser> PEOPLE = List.of(
            new DirectoryUser("alice", "Alice Archer"),
            new DirectoryUser("bob", "Bob Baker"),
            new DirectoryUser("carol", "Carol Clark"),
            new DirectoryUser("dave", "Dave Dunn"),
            new DirectoryUser("admin", "Administrator"),
            new DirectoryUser("mailer", null),
            new DirectoryUser("mallory", MARKUP_NAME));

    final TestDatabase db;
    /** Shared by the fake's group list and the alias book's group lookup. */
    final Map<String, Set<String>> groups = new ConcurrentHashMap<>(Map.of(
            "Support", Set.of("carol", "dave"),
            "Sales", Set.of("alice", "bob")));
    final AliasBook aliases;
    final FakeContacts contacts;
    final AdminFixture.FakeContext context;
    final TestConsole console;

    ContactsFixture() throws Exception {
        db = TestDatabase.create(TestDatabase.Kind.HSQLDB);
        try {
            aliases = AliasBook.load(new AliasStore(db.connections()), g -> Optional.ofNullable(groups.get(g)),
                    DOMAIN);
            List<DirectoryUser> users = new ArrayList<>(PEOPLE);
            for (int i = 1; i <= NUMBERED_ACCOUNTS; i++) {
                users.add(new DirectoryUser(String.format("user%05d", i), "Test User " + i));
            }
            contacts = new FakeContacts(DOMAIN, users, groups, aliases);
            context = new AdminFixture.FakeContext(null);
            context.contacts = contacts;
            Map<String, HttpServlet> pages = new LinkedHashMap<>();
            pages.put(DomainChatSettingsServlet.PAGE, new DomainChatSettingsServlet(context));
            pages.put(DirectoryVisibilityServlet.PAGE, new DirectoryVisibilityServlet(context));
            pages.put(ChatAliasesServlet.PAGE, new ChatAliasesServlet(context));
            console = TestConsole.start(pages);
        } catch (Exception | Error e) {
            db.close();
            throw e;
        }
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return console.get(pathAndQuery);
    }

    /** A form POST; {@code fields} are name, value, name, value, … in the order a browser sends them. */
    HttpResponse<String> post(String path, String... fields) throws IOException, InterruptedException {
        if (fields.length % 2 != 0) {
            throw new IllegalArgumentException("name without value");
        }
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < fields.length; i += 2) {
            pairs.add(new String[]{fields[i], fields[i + 1]});
        }
        return console.post(path, pairs);
    }

    /** This session's form token, read from {@code page} as a browser would have it. */
    String token(String page) throws IOException, InterruptedException {
        return AdminFixture.formToken(get(page).body());
    }

    /** Follows a 303 as a browser would. */
    HttpResponse<String> follow(HttpResponse<String> redirect) throws IOException, InterruptedException {
        if (redirect.statusCode() != 303) {
            throw new AssertionError("expected a 303, got " + redirect.statusCode() + ":\n" + redirect.body());
        }
        return get(console.relative(redirect));
    }

    /** Stores an alias directly in the book, as if an earlier admin session had. */
    Alias seed(String name, String displayName, Set<String> members, String group, boolean enabled,
               Alias.Visibility visibility, boolean storeOffline) throws Exception {
        Alias alias = new Alias(name, displayName, members, group, enabled, visibility, storeOffline);
        aliases.save(alias, contacts::isUser);
        return alias;
    }

    /** The (HTML-escaped) text of the element with {@code id}, or null; enough for the pages' flat markup. */
    static String elementById(String html, String tag, String id) {
        Matcher m = Pattern.compile("<" + tag + "[^>]* id=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</" + tag + ">",
                Pattern.DOTALL).matcher(html);
        return m.find() ? m.group(1) : null;
    }

    /** The HTML-escaped content of the members textarea. */
    static String membersText(String html) {
        Matcher m = Pattern.compile("<textarea id=\"members\"[^>]*>(.*?)</textarea>", Pattern.DOTALL).matcher(html);
        if (!m.find()) {
            throw new AssertionError("no members box in:\n" + html);
        }
        return m.group(1);
    }

    @Override
    public void close() throws Exception {
        try {
            console.close();
        } finally {
            db.close();
        }
    }
}
