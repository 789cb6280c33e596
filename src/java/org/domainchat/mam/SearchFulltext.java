package org.domainchat.mam;

import java.util.LinkedHashSet;
import java.util.Set;

import org.domainchat.mam.MamRequestException.Condition;
import org.domainchat.search.ArchiveSearch;
import org.domainchat.search.SearchOutcome;
import org.domainchat.search.SearchRequest;

/**
 * XEP-0431 full-text search in archive queries, answered by webmail's search ({@link ArchiveSearch}): the same
 * syntax (words, "phrases", -excluded, prefix*, OR) and the same rules of who finds what, from the live index (new
 * messages are searchable within about a second). The archive's own scope then applies to the matches, so a query
 * never returns more than the archive would without the search.
 */
public final class SearchFulltext implements MamFulltext {

    /** Matches taken per query, nearest the page first; a page beyond them needs the next query's id bound. */
    static final int MAX_MATCHES = 1000;

    private final ArchiveSearch search;

    public SearchFulltext(ArchiveSearch search) {
        this.search = search;
    }

    @Override
    public Set<Long> matches(ArchiveScope scope, MamQuery query) throws MamRequestException {
        String contact = scope.aliasArchive() != null ? scope.aliasArchive()
                : query.with() == null ? null : query.with().toBareJID();
        SearchRequest request = SearchRequest.of(query.fulltext()).withContact(contact)
                .withRange(query.start(), query.end() == null ? null : query.end() + 1);
        long after = Math.max(query.afterId() == null ? 0 : query.afterId(),
                query.after() == null ? 0 : query.after());
        long before = Math.min(query.beforeId() == null ? Long.MAX_VALUE : query.beforeId(),
                query.before() == null ? Long.MAX_VALUE : query.before());
        ArchiveSearch.IdMatches found = search.matchingIds(scope.reader(), request, after, before, MAX_MATCHES,
                query.backward());
        if (found.refused() instanceof SearchOutcome.Invalid invalid) {
            throw new MamRequestException(Condition.BAD_REQUEST, invalid.message());
        }
        if (found.refused() instanceof SearchOutcome.Unavailable unavailable) {
            throw new MamRequestException(Condition.INTERNAL_SERVER_ERROR,
                    "Search is not available right now. Please try again in a moment.");
        }
        return new LinkedHashSet<>(found.ids());
    }
}
