package org.domainchat.search;

import java.util.List;

/** Either a page of hits or a message saying what is wrong with the request; searching never throws. */
public sealed interface SearchOutcome {

    /**
     * @param totalHits  matching messages; a lower bound when {@code totalExact} is false
     * @param nextCursor pass it back for the next page; null on the last page
     */
    record Page(List<SearchHit> hits, long totalHits, boolean totalExact, String nextCursor) implements SearchOutcome {
    }

    /**
     * The request cannot be run as given.
     *
     * @param problem what is wrong, with a stable {@link Problem#code() code} for APIs and translations
     * @param message an English sentence for the person who typed it
     * @param detail   the part of the request at fault (a field name, an address), or null
     * @param position  where in the search text the problem is, counted from 1, or -1 when it is not one place of
     *                  the text (or the parser does not say)
     */
    record Invalid(Problem problem, String message, String detail, int position) implements SearchOutcome {

        public Invalid(Problem problem, String message, String detail) {
            this(problem, message, detail, -1);
        }
    }

    /** What can be wrong with a search request. */
    enum Problem {
        QUERY_SYNTAX, FIELD_NOT_SEARCHABLE, QUERY_TOO_LONG, TOO_MANY_TERMS, PAGE_SIZE, DATE_RANGE, CURSOR,
        RELEVANCE_DEPTH, ADDRESS,
        /** A pattern (regular expression, wildcard, fuzzy term) that would cost too much to look up. */
        QUERY_TOO_COMPLEX;

        /** Stable across releases: {@code query-syntax}, {@code field-not-searchable}, … */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** The index could not be read (an I/O failure); worth retrying. */
    record Unavailable(String message) implements SearchOutcome {
    }
}
