package org.sqlwarehouse.compile;

/**
 * A relation as templates see it (what ref() and {@code this} return): renders as the quoted,
 * schema-qualified name, and exposes {@code .schema}, {@code .identifier} and {@code .name}.
 */
public final class Relation {
    private final String schema;
    private final String identifier;
    private final String rendered;

    public Relation(String schema, String identifier, String rendered) {
        this.schema = schema;
        this.identifier = identifier;
        this.rendered = rendered;
    }

    public String getSchema() {
        return schema;
    }

    public String getIdentifier() {
        return identifier;
    }

    /** dbt's alias for identifier. */
    public String getName() {
        return identifier;
    }

    public String getTable() {
        return identifier;
    }

    /** "schema.identifier" without quotes, as in run_results.json. */
    public String unquoted() {
        return schema + "." + identifier;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Relation r && r.rendered.equals(rendered);
    }

    @Override
    public int hashCode() {
        return rendered.hashCode();
    }

    @Override
    public String toString() {
        return rendered;
    }
}
