package com.chatnation.crm.projections.queries;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paginated list. {@code nextCursor} is null on the last page; otherwise it names the last
 * item, and the next page starts right after it.
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Trims rows fetched with {@code limit + 1} to the page: the extra row only says another page exists.
     */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, Cursor> cursorOf) {
        if (fetched.size() <= limit) {
            return new Page<>(List.copyOf(fetched), null);
        }
        List<T> items = List.copyOf(fetched.subList(0, limit));
        return new Page<>(items, cursorOf.apply(items.get(limit - 1)).encode());
    }
}
