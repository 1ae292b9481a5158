package org.sqlwarehouse.dialect;

/**
 * A relation by schema and name, as the catalog spells them (unquoted).
 *
 * @param schema the schema
 * @param name   the relation's name in it
 */
public record RelationName(String schema, String name) {

    /** "schema.name", the key the catalog maps and the state use. */
    public String key() {
        return schema + "." + name;
    }

    /** The same schema, another name (a sidecar: name__wh_prev). */
    public RelationName withName(String other) {
        return new RelationName(schema, other);
    }

    @Override
    public String toString() {
        return key();
    }
}
