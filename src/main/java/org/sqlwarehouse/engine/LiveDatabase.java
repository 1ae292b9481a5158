package org.sqlwarehouse.engine;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlwarehouse.compile.DatabaseAccess;
import org.sqlwarehouse.compile.QueryResult;
import org.sqlwarehouse.dialect.ColumnDescription;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationKind;
import org.sqlwarehouse.jinja.TemplateException;

/**
 * The target's database as a node's render sees it while the node is built: on the node's own
 * connection, so that what the render asks sees what this build made so far.
 */
public final class LiveDatabase implements DatabaseAccess {
    /** Rows a template may fetch at once; more is almost surely a mistake that would fill the heap. */
    static final int MAX_ROWS = 1_000_000;

    private final Connection connection;
    private final Dialect dialect;

    public LiveDatabase(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    @Override
    public List<ColumnDescription> columns(String schema, String identifier) {
        try {
            return dialect.columnsOf(connection, schema, identifier);
        } catch (SQLException e) {
            throw failed("read the columns of " + schema + "." + identifier, e);
        }
    }

    @Override
    public Optional<String> relationType(String schema, String identifier) {
        try {
            return dialect.relationKind(connection, schema, identifier)
                    .map(kind -> kind == RelationKind.VIEW ? "view" : "table");
        } catch (SQLException e) {
            throw failed("look up " + schema + "." + identifier, e);
        }
    }

    @Override
    public QueryResult execute(String sql, boolean fetch) {
        try (Statement s = connection.createStatement()) {
            boolean hasRows = s.execute(sql);
            if (!hasRows) {
                return new QueryResult(List.of(), List.of(), List.of(), s.getUpdateCount());
            }
            if (!fetch) {
                return QueryResult.EMPTY;
            }
            try (ResultSet rs = s.getResultSet()) {
                return read(rs);
            }
        } catch (SQLException e) {
            throw failed("run a query of the template:\n" + sql.strip(), e);
        }
    }

    private static QueryResult read(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<String> names = new ArrayList<>(n);
        List<String> types = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            names.add(meta.getColumnLabel(i));
            types.add(meta.getColumnTypeName(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            if (rows.size() == MAX_ROWS) {
                throw new TemplateException(TemplateException.Kind.LIMIT, "a query of the template returned more"
                        + " than " + MAX_ROWS + " rows");
            }
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(templateValue(rs.getObject(i)));
            }
            rows.add(row);
        }
        return new QueryResult(names, types, rows, -1);
    }

    /** A JDBC value as templates handle it: whole numbers as integers, dates as strings Python prints alike. */
    static Object templateValue(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigDecimal d) {
            if (d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0) {
                try {
                    return d.longValueExact();
                } catch (ArithmeticException tooLarge) {
                    return d.toBigInteger();
                }
            }
            return d.doubleValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof java.math.BigInteger || value instanceof Long || value instanceof Double
                || value instanceof String || value instanceof Boolean || value == null) {
            return value;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toString().replace('T', ' ');
        }
        if (value instanceof java.time.LocalDateTime t) {
            return t.toString().replace('T', ' ');
        }
        return String.valueOf(value);
    }

    @Override
    public void dropRelation(String schema, String identifier, String type) {
        try {
            Optional<RelationKind> kind = dialect.relationKind(connection, schema, identifier);
            if (kind.isPresent()) {
                try (Statement s = connection.createStatement()) {
                    s.execute(dialect.dropSql(kind.get(), schema, identifier, true));
                }
            }
        } catch (SQLException e) {
            throw failed("drop " + schema + "." + identifier, e);
        }
    }

    @Override
    public void createSchema(String schema) {
        try {
            dialect.createSchemaIfMissing(connection, schema);
        } catch (SQLException e) {
            throw failed("create the schema " + schema, e);
        }
    }

    @Override
    public void dropSchema(String schema) {
        try {
            dialect.dropSchema(connection, schema);
        } catch (SQLException e) {
            throw failed("drop the schema " + schema, e);
        }
    }

    @Override
    public boolean schemaExists(String schema) {
        try (var ps = connection.prepareStatement(
                "select 1 from information_schema.schemata where schema_name = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw failed("look up the schema " + schema, e);
        }
    }

    private static TemplateException failed(String what, SQLException e) {
        return new TemplateException(TemplateException.Kind.RUNTIME, "Database Error: cannot " + what + ": "
                + SqlFailures.describe(e));
    }
}
