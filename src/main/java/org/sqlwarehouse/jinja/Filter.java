package org.sqlwarehouse.jinja;

/** A filter: {@code value | name(args)}. */
@FunctionalInterface
public interface Filter {
    Object apply(Object value, Arguments args);
}
