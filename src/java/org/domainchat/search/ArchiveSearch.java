package org.domainchat.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.domainchat.alias.AliasMembership;
import org.domainchat.archive.PartyPair;
import org.domainchat.util.Jids;

/**
 * Full-text search over the archive index. A user's search is always restricted to messages the user sent or
 * received; only {@link #searchAll} (for admins) is not. Every problem with the request comes back as
 * {@link SearchOutcome.Invalid} with a sentence for the person who typed it.
 */
public final class ArchiveSearch {

    public static final int MAX_PAGE_SIZE = 100;
    static final int MAX_QUERY_CHARS = 1000;
    private static final int MAX_RELEVANCE_DEPTH = 1000;
    private static final int SNIPPET_CHARS = 240;

    private final MessageIndex index;
    private final AliasMembership aliases;

    public ArchiveSearch(MessageIndex index) {
        this(index, AliasMembership.NONE);
    }

    /** @param aliases members also search the whole thread of each alias they belong to */
    public ArchiveSearch(MessageIndex index, AliasMembership aliases) {
        this.index = index;
        this.aliases = aliases;
    }

    /** Searches the messages that {@code owner} (a bare JID) sent or received. */
    public SearchOutcome searchOwn(String owner, SearchRequest request) {
        Object filters = ownFilters(owner, request);
        if (filters instanceof SearchOutcome.Invalid invalid) {
            return invalid;
        }
        return run(request, (BooleanQuery.Builder) filters);
    }

    /**
     * The archive ids of the messages {@code owner} may find with {@code request} (its text, contact and time range,
     * as {@link #searchOwn}), limited to ids in {@code (afterId, beforeId)}: the {@code limit} nearest the page's end
     * ({@code newestFirst}: the newest), without snippets. For XEP-0431 full-text archive queries.
     *
     * @return the ids, or an {@link SearchOutcome.Invalid} / {@link SearchOutcome.Unavailable} refusal
     */
    public IdMatches matchingIds(String owner, SearchRequest request, long afterId, long beforeId, int limit,
                                 boolean newestFirst) {
        Object filters = ownFilters(owner, request);
        if (filters instanceof SearchOutcome.Invalid invalid) {
            return new IdMatches(List.of(), false, invalid);
        }
        BooleanQuery.Builder builder = (BooleanQuery.Builder) filters;
        Query text;
        try {
            text = parse(request.text());
        } catch (InvalidQuery e) {
            return new IdMatches(List.of(), false, new SearchOutcome.Invalid(e.problem, e.getMessage(), e.detail));
        }
        if (request.from() != null || request.until() != null) {
            long lo = request.from() == null ? Long.MIN_VALUE : request.from();
            long hi = request.until() == null ? Long.MAX_VALUE : request.until() - 1;
            builder.add(LongPoint.newRangeQuery(IndexFields.TIME, lo, hi), BooleanClause.Occur.FILTER);
        }
        if (afterId >= beforeId - 1) {
            return new IdMatches(List.of(), false, null);
        }
        builder.add(LongPoint.newRangeQuery(IndexFields.ID, afterId + 1, beforeId - 1), BooleanClause.Occur.FILTER);
        Query query = builder.add(text, BooleanClause.Occur.MUST).build();
        try (MessageIndex.Lease lease = index.lease()) {
            TopDocs top = lease.searcher.search(query, limit + 1,
                    new Sort(new SortField(IndexFields.ID, SortField.Type.LONG, newestFirst)));
            List<Long> ids = new ArrayList<>(Math.min(limit, top.scoreDocs.length));
            for (int i = 0; i < top.scoreDocs.length && i < limit; i++) {
                ids.add((Long) ((FieldDoc) top.scoreDocs[i]).fields[0]);
            }
            return new IdMatches(ids, top.scoreDocs.length > limit, null);
        } catch (IndexSearcher.TooManyClauses e) {
            return new IdMatches(List.of(), false, new SearchOutcome.Invalid(SearchOutcome.Problem.TOO_MANY_TERMS,
                    "The search matches too many different words; make it more specific.", null));
        } catch (IOException e) {
            return new IdMatches(List.of(), false,
                    new SearchOutcome.Unavailable("The search index cannot be read right now: " + e.getMessage()));
        }
    }

    /**
     * What {@link #matchingIds} found.
     *
     * @param ids     in the order asked for
     * @param more    true when more matched than the limit
     * @param refused null, or why the search was not run
     */
    public record IdMatches(List<Long> ids, boolean more, SearchOutcome refused) {
    }

    /** The filters of {@link #searchOwn} (a BooleanQuery.Builder), or an {@link SearchOutcome.Invalid}. */
    private Object ownFilters(String owner, SearchRequest request) {
        String self = Jids.bare(owner).orElse(null);
        if (self == null) {
            return new SearchOutcome.Invalid(SearchOutcome.Problem.ADDRESS, "Not a valid address: " + owner, owner);
        }
        BooleanQuery.Builder mine = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.PARTY, self)), BooleanClause.Occur.SHOULD);
        for (String alias : aliases.aliasesOf(self)) {
            mine.add(new TermQuery(new Term(IndexFields.PARTY, alias)), BooleanClause.Occur.SHOULD);
        }
        BooleanQuery.Builder filters = new BooleanQuery.Builder()
                .add(mine.setMinimumNumberShouldMatch(1).build(), BooleanClause.Occur.FILTER);
        if (request.contact() != null && !request.contact().isBlank()) {
            String contact = Jids.bare(request.contact()).orElse(null);
            if (contact == null) {
                return new SearchOutcome.Invalid(SearchOutcome.Problem.ADDRESS, "Not a valid contact address: " + request.contact(),
                        request.contact());
            }
            // with themselves: their own notes, never an alias's thread (see ThreadKind)
            PartyPair pair = !contact.equals(self) && aliases.isAlias(contact) ? PartyPair.aliasThread(contact)
                    : PartyPair.of(self, contact);
            filters.add(new TermQuery(new Term(IndexFields.PAIR, pair.key())), BooleanClause.Occur.FILTER);
        }
        return filters;
    }

    /** Searches every archived message (admin console); {@code contact}, if set, is any participant. */
    public SearchOutcome searchAll(SearchRequest request) {
        BooleanQuery.Builder filters = new BooleanQuery.Builder();
        if (request.contact() != null && !request.contact().isBlank()) {
            String participant = Jids.bare(request.contact()).orElse(null);
            if (participant == null) {
                return new SearchOutcome.Invalid(SearchOutcome.Problem.ADDRESS, "Not a valid address: " + request.contact(),
                        request.contact());
            }
            filters.add(new TermQuery(new Term(IndexFields.PARTY, participant)), BooleanClause.Occur.FILTER);
        }
        return run(request, filters);
    }

    private SearchOutcome run(SearchRequest request, BooleanQuery.Builder filters) {
        if (request.pageSize() < 1 || request.pageSize() > MAX_PAGE_SIZE) {
            return new SearchOutcome.Invalid(SearchOutcome.Problem.PAGE_SIZE, "The page size must be between 1 and " + MAX_PAGE_SIZE
                    + ".", Integer.toString(MAX_PAGE_SIZE));
        }
        if (request.from() != null && request.until() != null && request.from() >= request.until()) {
            return new SearchOutcome.Invalid(SearchOutcome.Problem.DATE_RANGE, "The start of the date range must be before its end.",
                    null);
        }
        SearchRequest.Order order = request.order() == null ? SearchRequest.Order.NEWEST : request.order();
        Query text;
        try {
            text = parse(request.text());
        } catch (InvalidQuery e) {
            return new SearchOutcome.Invalid(e.problem, e.getMessage(), e.detail, e.position);
        }
        long beforeId = Long.MAX_VALUE;
        int offset = 0;
        if (request.cursor() != null && !request.cursor().isEmpty()) {
            long value = parseCursor(request.cursor(), order);
            if (value < 0) {
                return new SearchOutcome.Invalid(SearchOutcome.Problem.CURSOR,
                        "The paging cursor is not valid for this search; start again.", null);
            }
            if (order == SearchRequest.Order.NEWEST) {
                beforeId = value;
            } else if (value >= MAX_RELEVANCE_DEPTH) {
                return new SearchOutcome.Invalid(SearchOutcome.Problem.RELEVANCE_DEPTH, "Only the best " + MAX_RELEVANCE_DEPTH
                        + " results can be paged by relevance; sort by date or narrow the search.",
                        Integer.toString(MAX_RELEVANCE_DEPTH));
            } else {
                offset = (int) value;
            }
        }
        if (request.from() != null || request.until() != null) {
            long lo = request.from() == null ? Long.MIN_VALUE : request.from();
            long hi = request.until() == null ? Long.MAX_VALUE : request.until() - 1;
            filters.add(LongPoint.newRangeQuery(IndexFields.TIME, lo, hi), BooleanClause.Occur.FILTER);
        }
        Query whole = filters.add(text, BooleanClause.Occur.MUST).build();
        Query query = whole;
        if (beforeId != Long.MAX_VALUE) {
            query = new BooleanQuery.Builder().add(whole, BooleanClause.Occur.MUST)
                    .add(LongPoint.newRangeQuery(IndexFields.ID, Long.MIN_VALUE, beforeId - 1),
                            BooleanClause.Occur.FILTER)
                    .build();
        }
        try (MessageIndex.Lease lease = index.lease()) {
            SearchOutcome.Page page = page(lease.searcher, query, text, order, offset, request.pageSize());
            if (query != whole) {
                // Later pages report the total of the whole search, not of what is left after the cursor.
                return new SearchOutcome.Page(page.hits(), lease.searcher.count(whole), true, page.nextCursor());
            }
            return page;
        } catch (IndexSearcher.TooManyClauses e) {
            return new SearchOutcome.Invalid(SearchOutcome.Problem.TOO_MANY_TERMS,
                    "The search matches too many different words; make it more specific.", null);
        } catch (TooComplexToDeterminizeException e) {
            // the parser bounds every pattern; should one still explode while the index rewrites it, it is the
            // query's cost, not a fault
            return new SearchOutcome.Invalid(SearchOutcome.Problem.QUERY_TOO_COMPLEX,
                    "A pattern in the search text would take too much work to look up; make it simpler.", null);
        } catch (IOException e) {
            return new SearchOutcome.Unavailable("The search index cannot be read right now: " + e.getMessage());
        }
    }

    private SearchOutcome.Page page(IndexSearcher searcher, Query query, Query text, SearchRequest.Order order, int offset,
                               int pageSize) throws IOException {
        TopDocs top;
        List<ScoreDoc> docs;
        if (order == SearchRequest.Order.NEWEST) {
            top = searcher.search(query, pageSize + 1, new Sort(new SortField(IndexFields.ID, SortField.Type.LONG,
                    true)));
            docs = List.of(top.scoreDocs);
        } else {
            top = searcher.search(query, offset + pageSize + 1);
            ScoreDoc[] all = top.scoreDocs;
            docs = offset >= all.length ? List.of() : List.of(all).subList(offset, all.length);
        }
        boolean more = docs.size() > pageSize;
        if (more) {
            docs = docs.subList(0, pageSize);
        }
        List<SearchHit> hits = hits(searcher, docs, text);
        String next = null;
        if (more) {
            next = order == SearchRequest.Order.NEWEST
                    ? "n" + hits.get(hits.size() - 1).id()
                    : "r" + (offset + pageSize);
        }
        return new SearchOutcome.Page(hits, top.totalHits.value, top.totalHits.relation == TotalHits.Relation.EQUAL_TO,
                next);
    }

    private List<SearchHit> hits(IndexSearcher searcher, List<ScoreDoc> docs, Query text) throws IOException {
        if (docs.isEmpty()) {
            return List.of();
        }
        int[] ids = new int[docs.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = docs.get(i).doc;
        }
        FragmentHighlighter highlighter = new FragmentHighlighter(UnifiedHighlighter.builder(searcher,
                index.analyzer()).withFormatter(new FragmentFormatter()).withMaxLength(64 * 1024));
        Map<String, Object[]> snippets = highlighter.fragments(text, ids);
        Object[] bodies = snippets.get(IndexFields.BODY);
        StoredFields stored = searcher.storedFields();
        List<SearchHit> hits = new ArrayList<>(docs.size());
        for (int i = 0; i < ids.length; i++) {
            Document doc = stored.document(ids[i]);
            String body = doc.get(IndexFields.BODY);
            @SuppressWarnings("unchecked")
            List<SearchHit.Fragment> snippet = bodies != null && bodies[i] != null
                    ? (List<SearchHit.Fragment>) bodies[i]
                    : List.of(new SearchHit.Fragment(clip(body), false));
            hits.add(new SearchHit(doc.getField(IndexFields.ID).numericValue().longValue(),
                    doc.getField(IndexFields.CONVERSATION).numericValue().longValue(),
                    doc.getField(IndexFields.TIME).numericValue().longValue(),
                    doc.get(IndexFields.FROM), doc.get(IndexFields.TO), body, snippet,
                    Float.isNaN(docs.get(i).score) ? 0 : docs.get(i).score));
        }
        return hits;
    }

    private Query parse(String text) throws InvalidQuery {
        if (text == null || text.isBlank()) {
            return new MatchAllDocsQuery();
        }
        if (text.length() > MAX_QUERY_CHARS) {
            throw new InvalidQuery(SearchOutcome.Problem.QUERY_TOO_LONG, "The search text is too long (at most " + MAX_QUERY_CHARS
                    + " characters).", Integer.toString(MAX_QUERY_CHARS), -1);
        }
        Query query = new BoundedQueryParser(IndexFields.BODY, index.analyzer(), text).parse();
        Set<String> fields = new HashSet<>();
        query.visit(new QueryVisitor() {
            @Override
            public boolean acceptField(String field) {
                fields.add(field);
                return true;
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this;
            }
        });
        fields.remove(IndexFields.BODY);
        if (!fields.isEmpty()) {
            String field = fields.iterator().next();
            int at = text.indexOf(field + ":");
            throw new InvalidQuery(SearchOutcome.Problem.FIELD_NOT_SEARCHABLE, "Only message text can be searched (\"" + field
                    + ":\"" + (at < 0 ? "" : " at position " + (at + 1)) + " is not a search field); use the contact "
                    + "and date filters instead.", field, at < 0 ? -1 : at + 1);
        }
        return query;
    }

    private static long parseCursor(String cursor, SearchRequest.Order order) {
        char expected = order == SearchRequest.Order.NEWEST ? 'n' : 'r';
        if (cursor.length() < 2 || cursor.length() > 20 || cursor.charAt(0) != expected) {
            return -1;
        }
        try {
            long value = Long.parseLong(cursor.substring(1));
            return value < 0 || (order == SearchRequest.Order.RELEVANCE && value > MAX_RELEVANCE_DEPTH) ? -1 : value;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String clip(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= SNIPPET_CHARS ? body : body.substring(0, SNIPPET_CHARS) + "…";
    }

    /** A query that cannot be run as typed; {@code position} from 1 in the text, or -1. */
    static final class InvalidQuery extends Exception {
        final SearchOutcome.Problem problem;
        final String detail;
        final int position;

        InvalidQuery(SearchOutcome.Problem problem, String message, String detail, int position) {
            super(message, null, false, false);
            this.problem = problem;
            this.detail = detail;
            this.position = position;
        }
    }

    /** Exposes the highlighter's structured (non-string) output. */
    private static final class FragmentHighlighter extends UnifiedHighlighter {
        FragmentHighlighter(UnifiedHighlighter.Builder builder) {
            super(builder);
        }

        Map<String, Object[]> fragments(Query query, int[] docIds) throws IOException {
            return highlightFieldsAsObjects(new String[]{IndexFields.BODY}, query, docIds, new int[]{1});
        }
    }

    /** Turns the highlighter's passages into plain/match fragments, trimmed around the first match. */
    private static final class FragmentFormatter extends PassageFormatter {
        @Override
        public Object format(Passage[] passages, String content) {
            List<SearchHit.Fragment> out = new ArrayList<>();
            for (Passage passage : passages) {
                int pos = passage.getStartOffset();
                if (passage.getNumMatches() > 0) {
                    int firstMatch = passage.getMatchStarts()[0];
                    if (firstMatch - pos > SNIPPET_CHARS / 3) {
                        pos = firstMatch - SNIPPET_CHARS / 4;
                        out.add(new SearchHit.Fragment("…", false));
                    }
                }
                int budget = SNIPPET_CHARS;
                for (int i = 0; i < passage.getNumMatches() && budget > 0; i++) {
                    int start = Math.max(passage.getMatchStarts()[i], pos);
                    int end = passage.getMatchEnds()[i];
                    if (end <= pos) {
                        continue;
                    }
                    if (start > pos) {
                        String plain = content.substring(pos, Math.min(start, pos + budget));
                        out.add(new SearchHit.Fragment(plain, false));
                        budget -= plain.length();
                    }
                    out.add(new SearchHit.Fragment(content.substring(start, end), true));
                    budget -= end - start;
                    pos = end;
                }
                int end = passage.getEndOffset();
                if (pos < end && budget > 0) {
                    out.add(new SearchHit.Fragment(content.substring(pos, Math.min(end, pos + budget)), false));
                }
                if (end > pos + Math.max(budget, 0)) {
                    out.add(new SearchHit.Fragment("…", false));
                }
            }
            return out;
        }
    }
}
