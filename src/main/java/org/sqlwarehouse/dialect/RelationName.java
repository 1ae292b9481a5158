package org.sqlwarehouse.dialect;

import java.util.Objects;

/**
 * A relation by schema and name, both unquoted: quote with {@link Dialect#qualified(String, String)}
 * when writing SQL; never split a "schema.name" string again, since either part may hold a dot.
 */
public record RelationName(String schema, String name) {
    public RelationName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    /** Another relation in the same schema. */
    public RelationName withName(String otherName) {
        return new RelationName(schema, otherName);
    }

    /** "schema.name", unquoted: a key for maps and messages, not SQL. */
    public String key() {
        return schema + "." + name;
    }

    @Override
    public String toString() {
        return key();
    }
}
