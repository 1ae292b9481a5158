package org.sqlwarehouse.jinja;

/**
 * Thrown by a function to end the macro being called with a value instead of its text (dbt's
 * {@code return()}). Caught where the macro was called.
 */
public final class MacroReturn extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Object value;

    public MacroReturn(Object value) {
        super(null, null, false, false);
        this.value = value;
    }

    public Object value() {
        return value;
    }
}
