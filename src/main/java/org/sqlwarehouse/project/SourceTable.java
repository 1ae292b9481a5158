package org.sqlwarehouse.project;

/**
 * A table declared under {@code sources:} in a property file: what source('src', 'table') reads.
 *
 * @param schema     the source's schema, default the source's name
 * @param identifier the table's identifier, default its name
 * @param database   the database, or null for the target's
 * @param eventTime  its event_time config (the table's, else the source's), or null
 */
public record SourceTable(String sourceName, String tableName, String schema, String identifier, String database,
        String file, String eventTime) {
    public String key() {
        return sourceName + "." + tableName;
    }
}
