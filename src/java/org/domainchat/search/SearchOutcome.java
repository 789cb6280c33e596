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

    /** The request cannot be run as given; {@code message} is meant for the person who typed it. */
    record Invalid(String message) implements SearchOutcome {
    }

    /** The index could not be read (an I/O failure); worth retrying. */
    record Unavailable(String message) implements SearchOutcome {
    }
}
