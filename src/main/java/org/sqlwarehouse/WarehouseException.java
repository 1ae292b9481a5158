package org.sqlwarehouse;

/**
 * A failure the user can act on: the message says what went wrong, the hint says how to fix it.
 * The Maven layer turns it into a MojoFailureException without a stack trace.
 */
public class WarehouseException extends Exception {
    private final String hint;

    public WarehouseException(String message) {
        this(message, null, null);
    }

    public WarehouseException(String message, String hint) {
        this(message, hint, null);
    }

    public WarehouseException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** How to fix it, or null when the message says it all. */
    public String getHint() {
        return hint;
    }

    /** Message and hint together, as shown to the user. */
    public String describe() {
        return hint == null ? getMessage() : getMessage() + System.lineSeparator() + "  hint: " + hint;
    }
}
