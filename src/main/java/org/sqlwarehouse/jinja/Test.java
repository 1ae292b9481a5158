package org.sqlwarehouse.jinja;

/** A test: {@code value is name(args)}. */
@FunctionalInterface
public interface Test {
    boolean test(Object value, Arguments args);
}
