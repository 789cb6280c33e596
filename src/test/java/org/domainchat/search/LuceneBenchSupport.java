package org.domainchat.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.domainchat.archive.ArchivedMessage;

/**
 * Gives the benchmark ({@code org.domainchat.bench.ArchiveBenchmark}) the core's own analyzer, document layout and
 * query shape, so that its "raw Lucene" figures use exactly what the index uses, minus the core's machinery.
 * Test code only.
 */
public final class LuceneBenchSupport {

    private LuceneBenchSupport() {
    }

    /** The analyzer the index writes and parses with. */
    public static Analyzer analyzer() {
        return new MessageAnalyzer();
    }

    /** The document the index stores for {@code m}. */
    public static Document document(ArchivedMessage m) {
        return IndexFields.document(m, m.parties().key());
    }

    /** Party filter plus the text parsed like {@link ArchiveSearch} parses it (AND by default). */
    public static Query ownQuery(Analyzer analyzer, String ownerBareJid, String text) throws ParseException {
        QueryParser parser = new QueryParser(IndexFields.BODY, analyzer);
        parser.setDefaultOperator(QueryParser.Operator.AND);
        parser.setAllowLeadingWildcard(false);
        Query parsed = parser.parse(text);
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.PARTY, ownerBareJid)), BooleanClause.Occur.FILTER)
                .add(parsed, BooleanClause.Occur.MUST)
                .build();
    }

    /** Newest first, as the core's NEWEST order. */
    public static Sort newestFirst() {
        return new Sort(new SortField(IndexFields.ID, SortField.Type.LONG, true));
    }

    /**
     * The ids of the {@code n} newest messages of {@code owner} matching {@code text}, read from the core's own
     * index with plain Lucene: the raw limit beside an archive query's full-text search.
     */
    public static long[] rawNewest(MessageIndex index, String owner, String text, int n) throws Exception {
        Query query = ownQuery(analyzer(), owner, text);
        try (MessageIndex.Lease lease = index.lease()) {
            org.apache.lucene.search.TopFieldDocs top = lease.searcher.search(query, n, newestFirst());
            long[] ids = new long[top.scoreDocs.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = (Long) ((org.apache.lucene.search.FieldDoc) top.scoreDocs[i]).fields[0];
            }
            return ids;
        }
    }
}
