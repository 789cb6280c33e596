package org.domainchat.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.util.List;

import org.domainchat.testing.Chats;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;

/** What counts as a link or a file in one message, with real Tinder stanzas as the archive stores them. */
class AttachmentLinksTest {

    private final AttachmentLinks links = new AttachmentLinks();

    private static String withOob(String body, String... urls) {
        Message m = Chats.chat("alice@example.com/phone", "bob@example.com", body);
        for (String url : urls) {
            m.getElement().addElement("x", AttachmentLinks.OOB_NAMESPACE).addElement("url").setText(url);
        }
        return m.toXML();
    }

    private List<String> urls(String body) {
        return links.in(body, false, null).stream().map(AttachmentLinks.Found::url).toList();
    }

    @Test
    void linksAreFoundInTextWithoutTheirSurroundingPunctuation() {
        assertEquals(List.of("https://example.org/a", "HTTP://x.org/b?q=1&r=2#top",
                        "https://en.wikipedia.org/wiki/Foo_(bar)", "https://x.org/c"),
                urls("see https://example.org/a. Also HTTP://x.org/b?q=1&r=2#top, "
                        + "https://en.wikipedia.org/wiki/Foo_(bar) and (https://x.org/c)!"));
        List<AttachmentLinks.Found> found = links.in("https://example.org/a", false, null);
        assertEquals(Attachment.Kind.LINK, found.get(0).kind());
        assertEquals("a", found.get(0).name());
        assertEquals(List.of("https://x.org"), urls("<a href=\"https://x.org\">x</a>"), "quotes end a URL");
    }

    @Test
    void onlyHttpAndHttpsEverComeOut() {
        assertEquals(List.of(), urls("javascript:alert(1) data:text/html,<script>alert(1)</script> "
                + "ftp://x.org/f file:///etc/passwd mailto:a@b.c https:// http:/x.org https:///path"));
        String evil = withOob("look", "javascript:alert(document.cookie)", "data:text/html;base64,PHNjcmlwdD4=",
                "JaVaScRiPt:alert(1)", "https://x.org/ok.png", "//x.org/relative.png", "vbscript:x",
                "javascript://x.org/%0Aalert(1)", "ftp://x.org/f.png");
        assertEquals(List.of("https://x.org/ok.png"), links.in("look", false, evil).stream()
                .map(AttachmentLinks.Found::url).toList());
        assertNull(AttachmentLinks.httpUri("https://x.org/a b"));
        assertNull(AttachmentLinks.httpUri("https://x.org/" + "a".repeat(AttachmentLinks.MAX_URL_CHARS)));
    }

    @Test
    void outOfBandUrlsAreFilesAndCountedOnceWhenAlsoInTheText() {
        String url = "https://chat.example.com:7443/httpfileupload/4f1c/Quarterly%20report.pdf";
        List<AttachmentLinks.Found> found = links.in(url + " and https://x.org/page", false, withOob(url, url));
        assertEquals(2, found.size(), found.toString());
        assertEquals(new AttachmentLinks.Found(url, Attachment.Kind.FILE, "Quarterly report.pdf"), found.get(0));
        assertEquals(new AttachmentLinks.Found("https://x.org/page", Attachment.Kind.LINK, "page"), found.get(1));
    }

    @Test
    void aLinkOnTheUploadPathIsAFileEvenWithoutOutOfBandData() {
        List<AttachmentLinks.Found> found = links.in("https://chat.example.com/httpFileUpload/ab12/photo.jpg",
                false, null);
        assertEquals(Attachment.Kind.FILE, found.get(0).kind());
        assertEquals("photo.jpg", found.get(0).name());
        assertEquals(Attachment.Kind.LINK, links.in("https://x.org/not/httpfileupload/a.jpg", false, null).get(0)
                .kind());
    }

    @Test
    void aUrlCutWithATruncatedBodyIsLeftOut() {
        assertEquals(List.of("https://x.org/a"), links.in("https://x.org/a and https://x.org/very/lo", true, null)
                .stream().map(AttachmentLinks.Found::url).toList());
        assertEquals(2, links.in("https://x.org/a and https://x.org/very/lo", false, null).size());
    }

    @Test
    void namesComeFromTheLastPathSegment() {
        assertEquals("Grüße.txt", AttachmentLinks.fileName(URI.create("https://x.org/a/Gr%C3%BC%C3%9Fe.txt?x=1")));
        assertEquals("dir", AttachmentLinks.fileName(URI.create("https://x.org/dir/")));
        assertEquals("a+b.txt", AttachmentLinks.fileName(URI.create("https://x.org/a+b.txt")));
        assertEquals("ab", AttachmentLinks.fileName(URI.create("https://x.org/a%0Ab")), "no control characters");
        assertNull(AttachmentLinks.fileName(URI.create("https://x.org/")));
        assertNull(AttachmentLinks.fileName(URI.create("https://x.org")));
        assertEquals(AttachmentLinks.MAX_NAME_CHARS, AttachmentLinks.fileName(URI.create("https://x.org/"
                + "n".repeat(400))).length());
    }

    @Test
    void aMessageListsAtMostTwentyAndABrokenStanzaIsNoFile() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            many.append("https://x.org/").append(i).append(' ');
        }
        assertEquals(AttachmentLinks.MAX_PER_MESSAGE, links.in(many.toString(), false, null).size());
        assertEquals(List.of(), links.in("hi", false, "<message><x xmlns='jabber:x:oob'><url>https://x.org/a"));
        assertEquals(List.of(), links.in("hi", false, "<!DOCTYPE m [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
                + "<message><x xmlns='jabber:x:oob'><url>&e;</url></x></message>"), "no DOCTYPE, no entities");
    }
}
