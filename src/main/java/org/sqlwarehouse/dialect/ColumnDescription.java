package org.sqlwarehouse.dialect;

/**
 * A column of a relation as the database's catalog describes it.
 *
 * @param dataType         the catalog's type name, e.g. {@code integer}, {@code character varying}
 * @param charMaxLength    a string column's declared length, null when it has none
 * @param numericPrecision a numeric column's precision, null when not numeric or not declared
 * @param numericScale     a numeric column's scale, null when not numeric or not declared
 */
public record ColumnDescription(String name, String dataType, Integer charMaxLength, Integer numericPrecision,
        Integer numericScale) {
}
