package org.sqlwarehouse.seed;

/** Column types a seed column can be inferred as, narrowest first. */
public enum ColumnType {
    INTEGER,
    BIGINT,
    DECIMAL,
    BOOLEAN,
    DATE,
    TIMESTAMP,
    TEXT
}
