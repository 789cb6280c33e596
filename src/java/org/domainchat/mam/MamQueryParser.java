package org.domainchat.mam;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.dom4j.Element;
import org.dom4j.QName;
import org.domainchat.archive.StanzaIds;
import org.domainchat.mam.MamRequestException.Condition;
import org.domainchat.util.XmlChars;
import org.xmpp.packet.JID;

/**
 * Reads the {@code <query xmlns='urn:xmpp:mam:2'>} of an archive query: its data form (XEP-0004 with the fields of
 * XEP-0313 and XEP-0431), its result set management (XEP-0059) and {@code <flip-page/>}. Everything a client can get
 * wrong ends in a {@link MamRequestException} with the condition the XEP names, never in another exception.
 */
public final class MamQueryParser {

    public static final String NAMESPACE = "urn:xmpp:mam:2";
    public static final String DATA_NS = "jabber:x:data";
    public static final String RSM_NS = "http://jabber.org/protocol/rsm";
    /** XEP-0431's field, in Clark notation. */
    public static final String FULLTEXT_FIELD = "{urn:xmpp:fulltext:0}fulltext";
    /** The most results one page sends, whatever the client asks for (XEP-0313 lets a server limit pages). */
    public static final int MAX_PAGE = 250;
    /** The page size when the client names none. */
    public static final int DEFAULT_PAGE = 50;
    static final int MAX_FULLTEXT_CHARS = 1000;

    private MamQueryParser() {
    }

    public static MamQuery parse(Element query) throws MamRequestException {
        String queryId = query.attributeValue("queryid");
        if (queryId != null && queryId.length() > 255) {
            throw bad("The queryid is longer than 255 characters.");
        }
        JID with = null;
        Long start = null;
        Long end = null;
        Long afterId = null;
        Long beforeId = null;
        List<Long> ids = null;
        String fulltext = null;
        Element form = query.element(QName.get("x", DATA_NS));
        if (form != null) {
            String type = form.attributeValue("type");
            if (type != null && !"submit".equals(type)) {
                throw bad("The query form must be of type 'submit'.");
            }
            for (Element field : form.elements("field")) {
                String var = field.attributeValue("var");
                List<String> values = values(field);
                if (var == null) {
                    throw bad("A field of the query form has no 'var'.");
                }
                switch (var) {
                    case "FORM_TYPE" -> {
                        if (!values.isEmpty() && !NAMESPACE.equals(values.get(0))) {
                            throw bad("The form's FORM_TYPE must be " + NAMESPACE + ".");
                        }
                    }
                    case "with" -> with = values.isEmpty() ? null : jid(single(var, values));
                    case "start" -> start = values.isEmpty() ? null : time(var, single(var, values));
                    case "end" -> end = values.isEmpty() ? null : time(var, single(var, values));
                    case "after-id" -> afterId = values.isEmpty() ? null : id(single(var, values));
                    case "before-id" -> beforeId = values.isEmpty() ? null : id(single(var, values));
                    case "ids" -> ids = values.isEmpty() ? null : ids(values);
                    case FULLTEXT_FIELD -> fulltext = values.isEmpty() ? null : fulltext(single(var, values));
                    default -> throw new MamRequestException(Condition.FEATURE_NOT_IMPLEMENTED,
                            "The archive does not support the query field '" + printable(var) + "'.");
                }
            }
        }
        if (start != null && end != null && start > end) {
            throw bad("The 'start' of the query is after its 'end'.");
        }
        int max = DEFAULT_PAGE;
        Long after = null;
        Long before = null;
        boolean lastPage = false;
        Integer index = null;
        Element set = query.element(QName.get("set", RSM_NS));
        if (set != null) {
            Element maxElement = set.element("max");
            if (maxElement != null) {
                max = Math.min(MAX_PAGE, number("max", maxElement.getTextTrim(), Integer.MAX_VALUE));
            }
            Element afterElement = set.element("after");
            Element beforeElement = set.element("before");
            Element indexElement = set.element("index");
            if (afterElement != null && beforeElement != null) {
                throw bad("A page cannot be both <after> and <before> an id; use the 'after-id' and 'before-id' "
                        + "fields for a range.");
            }
            if (indexElement != null && (afterElement != null || beforeElement != null)) {
                throw bad("A page is chosen by <index> or by <after>/<before>, not both.");
            }
            if (afterElement != null) {
                after = id(afterElement.getTextTrim());
            }
            if (beforeElement != null) {
                if (beforeElement.getTextTrim().isEmpty()) {
                    lastPage = true;
                } else {
                    before = id(beforeElement.getTextTrim());
                }
            }
            if (indexElement != null) {
                index = number("index", indexElement.getTextTrim(), Integer.MAX_VALUE); // bounded by the service
            }
        }
        boolean flip = query.element(QName.get("flip-page", NAMESPACE)) != null;
        return new MamQuery(queryId, with, start, end, afterId, beforeId, ids, fulltext, max, after, before,
                lastPage, index, flip);
    }

    private static List<String> values(Element field) {
        List<String> values = new ArrayList<>();
        for (Element v : field.elements("value")) {
            String text = v.getTextTrim();
            if (!text.isEmpty()) {
                values.add(text);
            }
        }
        return values;
    }

    private static String single(String var, List<String> values) throws MamRequestException {
        if (values.size() > 1) {
            throw bad("The field '" + var + "' takes one value.");
        }
        return values.get(0);
    }

    private static JID jid(String text) throws MamRequestException {
        try {
            JID jid = new JID(text);
            if (jid.getDomain() == null || jid.getDomain().isEmpty()) {
                throw new IllegalArgumentException("no domain");
            }
            return jid;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw bad("The field 'with' is not a valid address: " + printable(text));
        }
    }

    /** XEP-0082 DateTime: {@code CCYY-MM-DDThh:mm:ss[.sss]TZD}. */
    private static long time(String var, String text) throws MamRequestException {
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw bad("The field '" + var + "' is not an XEP-0082 date and time (like 2026-11-27T09:30:00Z): "
                    + printable(text));
        }
    }

    /** An archive id; one that cannot be one is not in the archive, as the XEP words it. */
    private static long id(String text) throws MamRequestException {
        long id = StanzaIds.parse(text);
        if (id < 0) {
            throw new MamRequestException(Condition.ITEM_NOT_FOUND,
                    "There is no message with the id '" + printable(text) + "' in this archive.");
        }
        return id;
    }

    private static List<Long> ids(List<String> values) throws MamRequestException {
        if (values.size() > MAX_PAGE) {
            throw bad("At most " + MAX_PAGE + " ids can be fetched at once.");
        }
        List<Long> ids = new ArrayList<>(values.size());
        for (String v : values) {
            ids.add(id(v));
        }
        return ids;
    }

    private static String fulltext(String text) throws MamRequestException {
        if (text.length() > MAX_FULLTEXT_CHARS) {
            throw bad("The search text is longer than " + MAX_FULLTEXT_CHARS + " characters.");
        }
        return text;
    }

    private static int number(String name, String text, int limit) throws MamRequestException {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad("<" + name + "> must be a whole number of at least 0.");
        }
        long value = Long.parseLong(text);
        if (value > limit) {
            if (limit == Integer.MAX_VALUE) {
                return limit;
            }
            throw bad("<" + name + "> can be at most " + limit + "; page with <after> or <before> instead.");
        }
        return (int) value;
    }

    private static MamRequestException bad(String text) {
        return new MamRequestException(Condition.BAD_REQUEST, text);
    }

    /** A client's text quoted back in an error: short, and only characters XML allows. */
    static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return XmlChars.clean(cut);
    }
}
