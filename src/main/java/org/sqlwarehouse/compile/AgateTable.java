package org.sqlwarehouse.compile;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlwarehouse.jinja.PyCallable;
import org.sqlwarehouse.jinja.PyObject;

/**
 * A query's rows as dbt hands them to templates (an agate table): {@code .rows}, {@code .columns}
 * by position or name with {@code .values()}, {@code .column_names}, and iteration over the rows,
 * each row indexable by position or column name.
 */
final class AgateTable implements PyObject, Iterable<Object> {
    private final QueryResult result;
    private final List<Object> rows;
    private final Columns columns;

    AgateTable(QueryResult result) {
        this.result = result;
        List<Object> out = new ArrayList<>(result.rows().size());
        for (List<Object> values : result.rows()) {
            out.add(new Row(result.columnNames(), values));
        }
        this.rows = out;
        this.columns = new Columns();
    }

    /** The rows as plain tuples: {@code load_result(...)['data']}. */
    List<Object> data() {
        List<Object> out = new ArrayList<>(result.rows().size());
        for (List<Object> row : result.rows()) {
            out.add(new ArrayList<>(row));
        }
        return out;
    }

    @Override
    public Object getAttr(String name) {
        return switch (name) {
            case "rows" -> rows;
            case "columns" -> columns;
            case "column_names" -> new ArrayList<Object>(result.columnNames());
            case "column_types" -> new ArrayList<Object>(result.columnTypes());
            case "print_table" -> (PyCallable) args -> null;
            default -> MISSING;
        };
    }

    @Override
    public Iterator<Object> iterator() {
        return rows.iterator();
    }

    @Override
    public String toString() {
        return "<agate.Table " + result.columnNames() + ", " + rows.size() + " rows>";
    }

    /** One row: a tuple, and its values by column name as attributes or keys. */
    static final class Row extends AbstractList<Object> implements PyObject {
        private final List<String> names;
        private final List<Object> values;

        Row(List<String> names, List<Object> values) {
            this.names = names;
            this.values = values;
        }

        @Override
        public Object get(int index) {
            return values.get(index);
        }

        @Override
        public int size() {
            return values.size();
        }

        @Override
        public Object getAttr(String name) {
            int i = AgateTable.indexOf(names, name);
            if (i >= 0) {
                return values.get(i);
            }
            return switch (name) {
                case "keys" -> (PyCallable) args -> new ArrayList<Object>(names);
                case "values" -> (PyCallable) args -> new ArrayList<>(values);
                case "items" -> (PyCallable) args -> {
                    List<Object> items = new ArrayList<>();
                    for (int k = 0; k < names.size(); k++) {
                        items.add(List.of(names.get(k), values.get(k) == null ? "" : values.get(k)));
                    }
                    return items;
                };
                case "dict" -> (PyCallable) args -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (int k = 0; k < names.size(); k++) {
                        m.put(names.get(k), values.get(k));
                    }
                    return m;
                };
                default -> MISSING;
            };
        }
    }

    /** The columns, by position or by name, as agate's MappedSequence. */
    final class Columns extends AbstractList<Object> implements PyObject {
        @Override
        public Object get(int index) {
            return new Column(index);
        }

        @Override
        public int size() {
            return result.columnNames().size();
        }

        @Override
        public Object getItem(Object key) {
            if (key instanceof String name) {
                int i = AgateTable.indexOf(result.columnNames(), name);
                return i < 0 ? MISSING : new Column(i);
            }
            return MISSING;
        }

        @Override
        public Object getAttr(String name) {
            return switch (name) {
                case "keys" -> (PyCallable) args -> new ArrayList<Object>(result.columnNames());
                case "values" -> (PyCallable) args -> new ArrayList<>(this);
                case "items" -> (PyCallable) args -> {
                    List<Object> items = new ArrayList<>();
                    for (int k = 0; k < size(); k++) {
                        items.add(List.of(result.columnNames().get(k), get(k)));
                    }
                    return items;
                };
                case "get" -> (PyCallable) args -> {
                    Object v = getItem(args.get(0, "key", null));
                    return v == MISSING ? args.get(1, "default", null) : v;
                };
                default -> MISSING;
            };
        }
    }

    /** One column: its name, type and {@code values()}. */
    final class Column implements PyObject {
        private final int index;

        Column(int index) {
            this.index = index;
        }

        @Override
        public Object getAttr(String name) {
            return switch (name) {
                case "name" -> result.columnNames().get(index);
                case "data_type" -> result.columnTypes().get(index);
                case "values", "values_distinct" -> (PyCallable) args -> {
                    List<Object> out = new ArrayList<>();
                    for (List<Object> row : result.rows()) {
                        if (!"values_distinct".equals(name) || !out.contains(row.get(index))) {
                            out.add(row.get(index));
                        }
                    }
                    return out;
                };
                default -> MISSING;
            };
        }

        @Override
        public String toString() {
            return "<agate.Column " + result.columnNames().get(index) + ">";
        }
    }

    private static int indexOf(List<String> names, String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            for (int k = 0; k < names.size(); k++) {
                if (names.get(k).equalsIgnoreCase(name)) {
                    return k;
                }
            }
        }
        return i;
    }
}
