package org.sqlwarehouse.compile;

import java.util.Locale;
import java.util.Set;
import org.sqlwarehouse.dialect.ColumnDescription;
import org.sqlwarehouse.jinja.Arguments;
import org.sqlwarehouse.jinja.PyCallable;
import org.sqlwarehouse.jinja.PyObject;

/**
 * A column as dbt's {@code Column} shows it to templates ({@code adapter.get_columns_in_relation},
 * {@code api.Column}): name, quoted name, the catalog's type and the type to declare it with.
 */
final class TemplateColumn implements PyObject {
    private static final Set<String> STRINGS = Set.of("text", "character varying", "character", "varchar");
    private static final Set<String> INTEGERS = Set.of("smallint", "integer", "bigint", "smallserial", "serial",
            "bigserial", "int2", "int4", "int8", "tinyint", "hugeint", "int", "int16", "int32", "int64");
    private static final Set<String> FLOATS = Set.of("real", "float4", "float", "double precision", "float8",
            "double");
    private static final Set<String> NUMERICS = Set.of("numeric", "decimal");

    private final ColumnDescription column;

    TemplateColumn(ColumnDescription column) {
        this.column = column;
    }

    private String dtype() {
        return column.dataType().toLowerCase(Locale.ROOT);
    }

    boolean isString() {
        return STRINGS.contains(dtype());
    }

    boolean isInteger() {
        return INTEGERS.contains(dtype());
    }

    boolean isFloat() {
        return FLOATS.contains(dtype());
    }

    boolean isNumeric() {
        return NUMERICS.contains(dtype());
    }

    /** The type to declare the column with: a string or numeric type with its size where it has one. */
    String dataType() {
        if (isString()) {
            // an unbounded string stays unbounded, as dbt's PostgreSQL adapter keeps text and varchar
            return column.charMaxLength() == null ? column.dataType()
                    : "character varying(" + column.charMaxLength() + ")";
        }
        if (isNumeric() && column.numericPrecision() != null && column.numericScale() != null) {
            return column.dataType() + "(" + column.numericPrecision() + "," + column.numericScale() + ")";
        }
        return column.dataType();
    }

    @Override
    public Object getAttr(String name) {
        return switch (name) {
            case "name", "column" -> column.name();
            case "quoted" -> "\"" + column.name().replace("\"", "\"\"") + "\"";
            case "dtype" -> column.dataType();
            case "data_type" -> dataType();
            case "char_size" -> column.charMaxLength() == null ? null : (long) column.charMaxLength();
            case "numeric_precision" -> column.numericPrecision() == null ? null : (long) column.numericPrecision();
            case "numeric_scale" -> column.numericScale() == null ? null : (long) column.numericScale();
            case "is_string" -> (PyCallable) args -> isString();
            case "is_integer" -> (PyCallable) args -> isInteger();
            case "is_float" -> (PyCallable) args -> isFloat();
            case "is_numeric" -> (PyCallable) args -> isNumeric();
            case "is_number" -> (PyCallable) args -> isInteger() || isFloat() || isNumeric();
            case "string_size" -> (PyCallable) this::stringSize;
            case "literal" -> (PyCallable) args -> org.sqlwarehouse.jinja.Py.str(args.get(0, "value", null)) + "::" + dataType();
            default -> MISSING;
        };
    }

    private Object stringSize(Arguments args) {
        if (!isString()) {
            throw new org.sqlwarehouse.jinja.TemplateException(org.sqlwarehouse.jinja.TemplateException.Kind.VALUE, "Called string_size() on non-string field " + column.name());
        }
        return column.charMaxLength() == null ? 256L : (long) column.charMaxLength();
    }

    @Override
    public String toString() {
        return "<Column " + column.name() + " (" + dataType() + ")>";
    }
}
