package com.chatnation.crm.projections.queries;

/** An {@code after} value that is not a cursor this list handed out. */
public class InvalidCursorException extends IllegalArgumentException {

    public InvalidCursorException() {
        super("malformed cursor: pass back the nextCursor of a previous page of the same list");
    }
}
