package org.sqlwarehouse.seed;

import java.util.Objects;

/**
 * One column of a seed with its resolved type. {@code declaredType} is the raw SQL type from a
 * {@code column_types} override (e.g. {@code varchar(32)}), or null when the type was inferred.
 */
public record SeedColumn(String name, ColumnType type, String declaredType) {
    public SeedColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** True when the type comes from a {@code column_types} override rather than the data. */
    public boolean isDeclared() {
        return declaredType != null;
    }
}
