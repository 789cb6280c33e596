package org.domainchat.search;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.archive.ThreadKind;

/** The index's document layout. Bump {@link #SCHEMA} when it changes: older indexes are then rebuilt. */
final class IndexFields {

    static final String SCHEMA = "2";
    static final String ID = "id";
    static final String TIME = "time";
    static final String CONVERSATION = "conv";
    static final String PARTY = "party";
    static final String PAIR = "pair";
    static final String FROM = "from";
    static final String TO = "to";
    static final String BODY = "body";

    private static final FieldType BODY_TYPE = new FieldType();

    static {
        BODY_TYPE.setTokenized(true);
        BODY_TYPE.setStored(true);
        // Positions for phrase queries. No offsets: they made the postings, and so every merge, a third bigger
        // (merges were the largest share of the archive's CPU under load); the highlighter re-analyses the few
        // short bodies it shows instead.
        BODY_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        BODY_TYPE.freeze();
    }

    private IndexFields() {
    }

    /** @param pairKey {@code m.parties().key()} */
    static Document document(ArchivedMessage m, String pairKey) {
        Document doc = new Document();
        doc.add(new LongPoint(ID, m.id()));
        doc.add(new NumericDocValuesField(ID, m.id()));
        doc.add(new StoredField(ID, m.id()));
        doc.add(new LongPoint(TIME, m.sentAt()));
        doc.add(new StoredField(TIME, m.sentAt()));
        doc.add(new StoredField(CONVERSATION, m.conversationId()));
        // PARTY: whose search finds it, by the archive's one rule (ThreadKind); a user searches their own JID's and
        // their aliases' messages.
        doc.add(new StringField(PARTY, m.from(), Field.Store.NO));
        switch (ThreadKind.of(m)) {
            case PAIR -> doc.add(new StringField(PARTY, m.to(), Field.Store.NO));
            case SELF -> {
                // a note to self is its account's alone: a resource named after someone makes it none of theirs
            }
            case ALIAS -> {
                doc.add(new StringField(PARTY, m.to(), Field.Store.NO));
                if (m.toResource() != null && !m.toResource().isBlank()) {
                    // written into one person's thread of the alias (alias/<username>): that person may find it too
                    doc.add(new StringField(PARTY, m.toResource() + "@" + domainOf(m.to()), Field.Store.NO));
                }
            }
        }
        doc.add(new StringField(PAIR, pairKey, Field.Store.NO));
        doc.add(new StoredField(FROM, m.from()));
        doc.add(new StoredField(TO, m.to()));
        doc.add(new Field(BODY, m.body(), BODY_TYPE));
        return doc;
    }

    private static String domainOf(String bareJid) {
        return bareJid.substring(bareJid.indexOf('@') + 1);
    }
}
