package org.sqlwarehouse.project;

/**
 * One {@code given:} entry of a unit test: what it stands in for, and its rows.
 *
 * @param input as written: {@code ref('orders')}, {@code source('shop', 'orders')} or {@code this}
 * @param kind  what it stands in for
 * @param name  the ref's model or seed, the source's "source.table", or the tested model for this
 * @param rows  the mock rows
 */
public record UnitTestInput(String input, Kind kind, String name, UnitTestRows rows) {
    /** What a given input replaces in the model. */
    public enum Kind {
        REF, SOURCE, THIS
    }
}
