package dev.agentmarketplace.core;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;

/** Keyset pagination as every listing of the market does it, in one place. */
public final class KeysetPages {
    private KeysetPages() {}

    /**
     * One page of at most {@code limit} rows and the cursor of the next page. It reads one row more
     * than the page, which tells whether another page exists without a count query.
     *
     * @param rowsUpTo reads at most the given number of rows after the caller's cursor
     * @param cursorOf the cursor a row gives the page that follows it
     * @param page assembles the page from its rows and the next cursor, empty on the last page
     * @throws InvalidValueException when {@code limit} is not between 1 and {@code maxLimit}
     */
    public static <T, C, P> P read(
            int limit,
            int maxLimit,
            IntFunction<List<T>> rowsUpTo,
            Function<T, C> cursorOf,
            BiFunction<List<T>, Optional<C>, P> page) {
        if (limit < 1 || limit > maxLimit) {
            throw new InvalidValueException("limit", "must be between 1 and " + maxLimit + ", was " + limit);
        }
        List<T> rows = rowsUpTo.apply(limit + 1);
        if (rows.size() <= limit) {
            return page.apply(rows, Optional.empty());
        }
        List<T> shown = rows.subList(0, limit);
        return page.apply(shown, Optional.of(cursorOf.apply(shown.getLast())));
    }
}
