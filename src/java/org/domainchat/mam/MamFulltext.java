package org.domainchat.mam;

import java.util.Set;

/** Finds the archive ids whose text matches a query's XEP-0431 {@code fulltext} field. */
public interface MamFulltext {

    /** No full-text search: the field is refused. */
    MamFulltext NONE = (scope, query) -> {
        throw new MamRequestException(MamRequestException.Condition.FEATURE_NOT_IMPLEMENTED,
                "Full-text search is not available.");
    };

    /**
     * The ids of the messages of {@code scope} (within the query's time range) that match {@code query.fulltext()};
     * a mutable set.
     *
     * @throws MamRequestException bad-request with a sentence when the search text is malformed
     */
    Set<Long> matches(ArchiveScope scope, MamQuery query) throws MamRequestException;
}
