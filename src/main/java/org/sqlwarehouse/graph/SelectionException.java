package org.sqlwarehouse.graph;

/**
 * A select or exclude expression that cannot be parsed: an unknown method, an empty selector, a
 * malformed graph operator. The message says what is wrong, where, and shows the valid forms. A
 * selector that merely matches nothing is not an error.
 */
public class SelectionException extends Exception {
    private static final long serialVersionUID = 1L;

    public SelectionException(String message) {
        super(message);
    }
}
