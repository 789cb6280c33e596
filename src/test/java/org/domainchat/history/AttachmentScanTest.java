package org.domainchat.history;

import static org.domainchat.testing.Chats.at;
import static org.domainchat.testing.Chats.chat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.domainchat.DomainChat;
import org.domainchat.Settings;
import org.domainchat.alias.Alias;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.archive.MessageCapture;
import org.domainchat.testing.TestDatabase;
import org.domainchat.testing.TestEnvironment;
import org.domainchat.testing.Waits;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * Attachments read from a real archive on every database we test against: what each user may see, the paging
 * cursor, and the scan budget that bounds each call.
 */
class AttachmentScanTest {

    private static final Set<String> USERS = Set.of("alice", "bob", "carol", "dave", "erin");
    private static final String ALIAS = "salesteam@example.com";

    @TempDir
    Path data;

    private final AtomicLong now = new AtomicLong(1_760_000_000_000L);
    private DomainChat core;
    private long lastId;

    private ArchivedMessage send(String from, String to, String body, String... oobUrls) throws Exception {
        now.addAndGet(1000);
        ArchivedMessage m = core.archiver().archive(withOob(chat(at(from) + "/r", at(to), body), oobUrls),
                MessageCapture.Source.CLIENT).orElseThrow();
        lastId = m.id();
        return m;
    }

    private ArchivedMessage toAlias(String writer, String resource, String body, String... oobUrls)
            throws Exception {
        now.addAndGet(1000);
        Message m = withOob(chat(at(writer) + "/r", resource == null ? ALIAS : ALIAS + "/" + resource, body),
                oobUrls);
        ArchivedMessage stored = core.archiver().archiveViaAlias(m, new JID(at(writer) + "/r")).orElseThrow();
        lastId = stored.id();
        return stored;
    }

    private static Message withOob(Message m, String... urls) {
        for (String url : urls) {
            m.getElement().addElement("x", AttachmentLinks.OOB_NAMESPACE).addElement("url").setText(url);
        }
        return m;
    }

    private void awaitStored() {
        long id = lastId;
        Waits.until(Duration.ofSeconds(20), "message " + id + " stored",
                () -> core.archive().status().lastStoredId() >= id);
    }

    private static List<String> urls(HistoryService.AttachmentPage page) {
        return page.attachments().stream().map(Attachment::url).toList();
    }

    /** Every attachment, following the cursor page after page; also checks that each call stays in its budget. */
    private static List<String> allPages(AttachmentScan scan, String owner, String contact, int limit)
            throws Exception {
        List<String> out = new ArrayList<>();
        Long before = null;
        for (int calls = 0; calls < 1000; calls++) {
            HistoryService.AttachmentPage page = scan.page(owner, contact, before, limit);
            out.addAll(urls(page));
            if (page.before() == null) {
                return out;
            }
            before = page.before();
        }
        throw new AssertionError("the cursor never ends");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void eachUserSeesTheFilesAndLinksOfTheirOwnChatsOnly(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            core = DomainChat.start(new TestEnvironment(db.connections(), data, Settings.Fixed.defaults(), now::get,
                    USERS.toArray(String[]::new)));
            try {
                String upload = "https://chat.example.com/httpfileupload/9a/plan.pdf";
                ArchivedMessage file = send("alice", "bob", upload, upload);
                send("bob", "alice", "javascript:alert(1) and https://x.org/read?id=7.");
                send("bob", "alice", "no links here");
                send("dave", "bob", "dave's https://dave.org/secret");
                send("alice", "carol", "carol's https://carol.org/secret");
                awaitStored();

                HistoryService history = core.history();
                HistoryService.AttachmentPage alice = history.attachments(at("alice"), at("bob"), null, 50);
                assertEquals(List.of("https://x.org/read?id=7", upload), urls(alice), "newest first");
                assertNull(alice.before(), "the whole history was read");
                Attachment plan = alice.attachments().get(1);
                long conversation = history.history(at("alice"), at("bob"), null).messages().get(0).conversationId();
                assertEquals(new Attachment(file.id(), conversation, file.sentAt(), at("alice"), upload,
                        Attachment.Kind.FILE, "plan.pdf"), plan, "the file once, though both in text and as oob");
                assertEquals(Attachment.Kind.LINK, alice.attachments().get(0).kind());
                assertEquals(urls(alice), urls(history.attachments(at("bob"), at("alice"), null, 50)),
                        "the same history from the other side");
                assertEquals(List.of("https://dave.org/secret"), urls(history.attachments(at("bob"), at("dave"),
                        null, 50)));
                assertEquals(List.of(), urls(history.attachments(at("carol"), at("bob"), null, 50)),
                        "nothing of a history carol was not part of");
                assertEquals(List.of(), urls(history.attachments(at("erin"), at("alice"), null, 50)));
            } finally {
                core.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void pagesFollowTheCursorAndEachCallReadsAtMostItsBudget(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            core = DomainChat.start(new TestEnvironment(db.connections(), data, Settings.Fixed.defaults(), now::get,
                    USERS.toArray(String[]::new)));
            try {
                send("alice", "bob", "https://x.org/1 https://x.org/2 https://x.org/3");
                for (int i = 4; i <= 7; i++) {
                    send(i % 2 == 0 ? "bob" : "alice", i % 2 == 0 ? "alice" : "bob", "link https://x.org/" + i);
                }
                for (int i = 0; i < 10; i++) {
                    send("alice", "bob", "plain line " + i);
                }
                send("bob", "alice", "https://x.org/8");
                awaitStored();
                List<String> newestFirst = List.of("https://x.org/8", "https://x.org/7", "https://x.org/6",
                        "https://x.org/5", "https://x.org/4", "https://x.org/1", "https://x.org/2", "https://x.org/3");

                AttachmentScan roomy = new AttachmentScan(db.connections(), core.aliases(), 1000);
                HistoryService.AttachmentPage first = roomy.page(at("alice"), at("bob"), null, 2);
                assertEquals(newestFirst.subList(0, 2), urls(first));
                assertNotNull(first.before());
                HistoryService.AttachmentPage second = roomy.page(at("alice"), at("bob"), first.before(), 4);
                assertEquals(newestFirst.subList(2, 5), urls(second),
                        "the next message has three links: it would overflow the page, so it waits whole");
                HistoryService.AttachmentPage third = roomy.page(at("alice"), at("bob"), second.before(), 1);
                assertEquals(newestFirst.subList(5, 8), urls(third), "one message alone may exceed the limit");
                assertNull(third.before());
                for (int limit : new int[]{1, 2, 3, 50}) {
                    assertEquals(newestFirst, allPages(roomy, at("alice"), at("bob"), limit), "limit " + limit);
                }

                // A budget of 4 messages: the ten plain lines take calls that find nothing but say where to go on.
                AttachmentScan tight = new AttachmentScan(db.connections(), core.aliases(), 4);
                HistoryService.AttachmentPage start = tight.page(at("alice"), at("bob"), null, 50);
                assertEquals(List.of("https://x.org/8"), urls(start), "4 messages read: 1 link, 3 plain lines");
                HistoryService.AttachmentPage empty = tight.page(at("alice"), at("bob"), start.before(), 50);
                assertEquals(List.of(), urls(empty));
                assertNotNull(empty.before(), "an empty page still goes on");
                assertEquals(newestFirst, allPages(tight, at("alice"), at("bob"), 50));
                assertEquals(newestFirst, allPages(tight, at("alice"), at("bob"), 2));
            } finally {
                core.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void anAliasThreadShowsMembersEverythingAndOthersTheirOwnPart(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            core = DomainChat.start(new TestEnvironment(db.connections(), data, Settings.Fixed.defaults(), now::get,
                    USERS.toArray(String[]::new)));
            try {
                core.aliases().save(new Alias("salesteam", "Sales Team", Set.of("alice", "bob"), null, true,
                        Alias.Visibility.ALL, false), USERS::contains);
                toAlias("carol", null, "carol's order https://carol.org/order.pdf");
                toAlias("dave", "alice", "dave's quote request", "https://dave.org/quote.xlsx");
                toAlias("alice", "carol", "for carol: https://shop.org/invoice/42");
                toAlias("bob", null, "bob's note https://intra.org/notes");
                awaitStored();

                HistoryService history = core.history();
                List<String> all = List.of("https://intra.org/notes", "https://shop.org/invoice/42",
                        "https://dave.org/quote.xlsx", "https://carol.org/order.pdf");
                assertEquals(all, urls(history.attachments(at("alice"), ALIAS, null, 50)), "a member sees all");
                assertEquals(all, urls(history.attachments(at("bob"), ALIAS, null, 50)));
                assertEquals(List.of("https://shop.org/invoice/42", "https://carol.org/order.pdf"),
                        urls(history.attachments(at("carol"), ALIAS, null, 50)), "her line and the answer to her");
                assertEquals(List.of("https://dave.org/quote.xlsx"),
                        urls(history.attachments(at("dave"), ALIAS, null, 50)));
                assertEquals(List.of(), urls(history.attachments(at("erin"), ALIAS, null, 50)));

                // A non-member's budget counts the rows of others too: bounded, and still complete when followed.
                AttachmentScan tight = new AttachmentScan(db.connections(), core.aliases(), 1);
                assertEquals(List.of("https://shop.org/invoice/42", "https://carol.org/order.pdf"),
                        allPages(tight, at("carol"), ALIAS, 50));
                HistoryService.AttachmentPage firstCall = tight.page(at("carol"), ALIAS, null, 50);
                assertEquals(List.of(), urls(firstCall), "bob's line was the one row read; it is not carol's");
                assertNotNull(firstCall.before());
            } finally {
                core.close();
            }
        }
    }
}
