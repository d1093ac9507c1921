package dev.agentmarketplace.core.discovery;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of a search and the cursor of the next page, empty on the last page. */
public record SearchPage(List<SearchHit> hits, Optional<SearchCursor> nextCursor) {
    public SearchPage {
        hits = List.copyOf(hits);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
