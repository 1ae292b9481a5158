package org.sqlwarehouse.compile;

import java.util.List;

/**
 * What a statement a template ran returned: its rows (empty when it returned none or was not asked
 * to fetch) and the database's count of rows it changed.
 *
 * @param columnNames  the result's column names, in order
 * @param columnTypes  the database's type name of each column
 * @param rows         each row's values, in column order
 * @param rowsAffected rows the statement changed, -1 when it says none
 */
public record QueryResult(List<String> columnNames, List<String> columnTypes, List<List<Object>> rows,
        long rowsAffected) {
    public static final QueryResult EMPTY = new QueryResult(List.of(), List.of(), List.of(), -1);
}
