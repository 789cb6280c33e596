package org.domainchat.history;

import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dom4j.Document;
import org.dom4j.DocumentException;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.xml.sax.SAXException;

/**
 * Finds the links and uploaded files in one archived message: the XEP-0066 out-of-band URLs of its stored stanza
 * (what XEP-0363 upload clients attach) and the http(s) URLs written in its text. Only absolute http and https URLs
 * that {@link URI} accepts are ever returned, so nothing such as {@code javascript:} or {@code data:} reaches a
 * page that shows them. Not thread-safe (it holds an XML reader): one per scan.
 */
final class AttachmentLinks {

    /** A message's URLs beyond this many are not listed: a pasted list of links is not a shelf of attachments. */
    static final int MAX_PER_MESSAGE = 20;
    static final int MAX_URL_CHARS = 2048;
    static final int MAX_NAME_CHARS = 255;
    static final String OOB_NAMESPACE = "jabber:x:oob";
    /**
     * Where Openfire's HTTP File Upload plugin serves uploads ({@code plugin.httpfileupload.announcedWebContextRoot},
     * default {@code /httpfileupload}). Clients that send an upload's URL as text only still share a file.
     */
    static final String UPLOAD_PATH = "/httpfileupload/";

    /** A URL in running text: up to the first character that cannot be in one (spaces, quotes, angle brackets). */
    private static final Pattern URL_IN_TEXT = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"]+");

    /** One URL found, before it is tied to its message. */
    record Found(String url, Attachment.Kind kind, String name) {
    }

    private final SAXReader xml;

    AttachmentLinks() {
        xml = SAXReader.createDefault(); // no external entities
        try {
            xml.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (SAXException e) {
            // createDefault already refuses external entities; a stanza never has a DOCTYPE anyway
        }
    }

    /**
     * The message's files, then its links, each URL once, at most {@link #MAX_PER_MESSAGE}.
     *
     * @param bodyTruncated the body was cut when archived: a URL that runs into the cut is left out, it may be cut too
     * @param stanza        the stored stanza, or null
     */
    List<Found> in(String body, boolean bodyTruncated, String stanza) {
        Map<String, Found> found = new LinkedHashMap<>();
        for (String url : oobUrls(stanza)) {
            add(found, url, Attachment.Kind.FILE);
        }
        if (body != null) {
            Matcher m = URL_IN_TEXT.matcher(body);
            while (m.find() && found.size() < MAX_PER_MESSAGE) {
                if (bodyTruncated && m.end() == body.length()) {
                    continue;
                }
                String url = trimTrailingPunctuation(m.group());
                add(found, url, isUpload(url) ? Attachment.Kind.FILE : Attachment.Kind.LINK);
            }
        }
        return List.copyOf(found.values());
    }

    private static void add(Map<String, Found> found, String text, Attachment.Kind kind) {
        if (found.size() >= MAX_PER_MESSAGE || found.containsKey(text)) {
            return;
        }
        URI uri = httpUri(text);
        if (uri != null) {
            found.put(text, new Found(text, kind, fileName(uri)));
        }
    }

    /** The URI when {@code text} is an absolute http(s) URL with a host, else null. */
    static URI httpUri(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_URL_CHARS) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme();
        if (scheme == null || uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()) {
            return null;
        }
        String s = scheme.toLowerCase(Locale.ROOT);
        return s.equals("http") || s.equals("https") ? uri : null;
    }

    /** The URLs of the stanza's {@code <x xmlns='jabber:x:oob'><url>} elements, in order. */
    private List<String> oobUrls(String stanza) {
        if (stanza == null || !stanza.contains(OOB_NAMESPACE)) {
            return List.of(); // most messages: no parsing at all
        }
        Document doc;
        try {
            doc = xml.read(new StringReader(stanza));
        } catch (DocumentException e) {
            return List.of(); // stored as the server serialised it, so this is not expected; nothing to show
        }
        List<String> urls = new ArrayList<>();
        for (Element x : doc.getRootElement().elements()) {
            if (x.getName().equals("x") && OOB_NAMESPACE.equals(x.getNamespaceURI())) {
                for (Element url : x.elements()) {
                    if (url.getName().equals("url")) {
                        urls.add(url.getTextTrim());
                    }
                }
            }
        }
        return urls;
    }

    private static boolean isUpload(String url) {
        URI uri = httpUri(url);
        String path = uri == null ? null : uri.getRawPath();
        return path != null && path.toLowerCase(Locale.ROOT).startsWith(UPLOAD_PATH);
    }

    /**
     * Text often ends a URL with punctuation that is not part of it ("see https://x.org/a."), or closes a bracket
     * opened before it ("(https://x.org/a)"); brackets opened inside the URL are kept (".../Foo_(bar)").
     */
    static String trimTrailingPunctuation(String url) {
        int end = url.length();
        while (end > 0) {
            char c = url.charAt(end - 1);
            if (".,;:!?'*".indexOf(c) >= 0) {
                end--;
            } else if (c == ')' && count(url, end, '(') < count(url, end, ')')
                    || c == ']' && count(url, end, '[') < count(url, end, ']')
                    || c == '}' && count(url, end, '{') < count(url, end, '}')) {
                end--;
            } else {
                break;
            }
        }
        return url.substring(0, end);
    }

    private static int count(String s, int end, char c) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    /** The last non-empty path segment, percent-decoded, without control characters; null when there is none. */
    static String fileName(URI uri) {
        String path = uri.getRawPath();
        if (path == null) {
            return null;
        }
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        String segment = path.substring(path.lastIndexOf('/', end - 1) + 1, end);
        if (segment.isEmpty()) {
            return null;
        }
        String name = decode(segment).codePoints().filter(cp -> !Character.isISOControl(cp))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (name.isEmpty()) {
            return null;
        }
        return name.codePointCount(0, name.length()) <= MAX_NAME_CHARS ? name
                : name.substring(0, name.offsetByCodePoints(0, MAX_NAME_CHARS));
    }

    /** Percent-decoding as UTF-8; a segment that does not decode is shown as written. */
    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
