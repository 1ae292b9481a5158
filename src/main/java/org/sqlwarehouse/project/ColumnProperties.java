package org.sqlwarehouse.project;

import java.util.List;
import java.util.Map;

/**
 * A column as a property file declares it under {@code columns:}.
 *
 * @param description its description as written (it may call doc()), or once rendered
 * @param dataType    the declared {@code data_type}, null when none; what a contract creates
 * @param constraints its {@code constraints:} entries (type, expression, name, ...), as written
 * @param quote       the column's {@code quote:} setting, null when unset
 */
public record ColumnProperties(String name, String description, String dataType,
        List<Map<String, Object>> constraints, Boolean quote) {

    public ColumnProperties withDescription(String rendered) {
        return new ColumnProperties(name, rendered, dataType, constraints, quote);
    }
}
