package com.chatnation.crm.application.platform.pages;

import com.chatnation.crm.projections.queries.Cursor;
import com.chatnation.crm.projections.queries.Page;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Every row of a keyset-paged query, read a page at a time as a CSV export writes them, so a large table is never
 * held in memory whole.
 */
public final class EveryRow {

    private EveryRow() {
    }

    public static <T> Iterable<T> of(Function<Cursor, Page<T>> pageAfter) {
        return () -> new Iterator<>() {
            private Iterator<T> current = null;
            private String next = null;
            private boolean last = false;

            @Override
            public boolean hasNext() {
                while (current == null || !current.hasNext()) {
                    if (last) {
                        return false;
                    }
                    Page<T> page = pageAfter.apply(next == null ? null : Cursor.decode(next));
                    current = page.items().iterator();
                    next = page.nextCursor();
                    last = next == null;
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
