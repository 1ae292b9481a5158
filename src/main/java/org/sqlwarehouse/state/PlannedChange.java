package org.sqlwarehouse.state;

/**
 * What a deploy would do to one relation, and why.
 *
 * @param uniqueId null for a relation the project no longer has
 * @param kind     view or table
 */
public record PlannedChange(String uniqueId, String schema, String name, String kind, Action action, String reason) {

    /** The four things a deploy can do to a relation. */
    public enum Action { CREATE, REPLACE, DROP, UNCHANGED }

    public String relation() {
        return schema + "." + name;
    }
}
