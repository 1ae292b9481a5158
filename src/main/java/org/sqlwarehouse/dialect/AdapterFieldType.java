package org.sqlwarehouse.dialect;

/**
 * The value a field of a dbt profiles.yml output takes that only one database's dbt adapter has
 * (dbt-postgres's connect_timeout, sslmode...): the reader checks it where it is written, with the
 * file and line, before the dialect turns it into JDBC properties.
 */
public enum AdapterFieldType {
    /** Any text. */
    TEXT,
    /** A whole number of zero or more (seconds, for the timeouts). */
    COUNT
}
