package org.sqlwarehouse.jinja;

/** Python's binary operators for code outside the engine, e.g. itertools.accumulate's default sum. */
public final class Operators {
    private Operators() {
    }

    /** {@code a op b} as a template computes it, op one of + - * / // % **. */
    public static Object binary(String op, Object a, Object b) {
        return PyOps.binary(op, a, b, Environment.DEFAULT_MAX_OUTPUT);
    }
}
