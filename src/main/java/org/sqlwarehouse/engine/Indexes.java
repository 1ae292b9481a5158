package org.sqlwarehouse.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.Dialect;

/**
 * dbt's {@code indexes} config for PostgreSQL tables ({@code indexes: [{columns: [id], unique:
 * true, type: btree}]}): created on the new table before it takes its name, so that readers never
 * see it without them. Each index is named by a hash of its definition and the moment it was made,
 * as dbt names them, because the table it replaces keeps its own indexes until the swap ends.
 */
public final class Indexes {
    /** An index method is one word (btree, hash, gin, gist, brin): nothing else reaches the SQL. */
    private static final Pattern METHOD = Pattern.compile("[a-z_]+");

    /** One index as configured. */
    record Index(List<String> columns, boolean unique, String method) {
    }

    /** No indexes. */
    public static final Indexes NONE = new Indexes(List.of());

    private final List<Index> indexes;

    private Indexes(List<Index> indexes) {
        this.indexes = indexes;
    }

    /** The indexes a node's config asks for; none when it has no indexes config. */
    public static Indexes of(Map<String, Object> config, String file) throws WarehouseException {
        Object value = config.get("indexes");
        List<Index> out = new ArrayList<>();
        if (value == null) {
            return new Indexes(out);
        }
        String example = "; e.g. indexes: [{columns: [id], unique: true}]";
        if (!(value instanceof Collection<?> entries)) {
            throw new WarehouseException(file + ": indexes must be a list" + example);
        }
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> index) || !(index.get("columns") instanceof Collection<?> columns)
                    || columns.isEmpty()) {
                throw new WarehouseException(file + ": every index needs a list of columns, found " + entry + example);
            }
            List<String> names = new ArrayList<>();
            columns.forEach(c -> names.add(String.valueOf(c)));
            String method = index.get("type") == null ? null
                    : String.valueOf(index.get("type")).strip().toLowerCase(Locale.ROOT);
            if (method != null && !METHOD.matcher(method).matches()) {
                throw new WarehouseException(file + ": '" + index.get("type") + "' is not an index type",
                        "Name an index method of the database, e.g. btree, hash, gin.");
            }
            out.add(new Index(names, Boolean.parseBoolean(String.valueOf(index.get("unique"))), method));
        }
        return new Indexes(out);
    }

    public boolean isEmpty() {
        return indexes.isEmpty();
    }

    /** Creates the indexes on the table schema.name (which may be a temporary or candidate name). */
    public void create(Connection c, Dialect dialect, String schema, String name) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (Index index : indexes) {
                List<String> quoted = new ArrayList<>();
                index.columns().forEach(column -> quoted.add(dialect.quote(column)));
                s.execute("create " + (index.unique() ? "unique " : "") + "index " + dialect.quote(indexName(index))
                        + " on " + dialect.qualified(schema, name) + (index.method() == null ? "" : " using "
                                + index.method()) + " (" + String.join(", ", quoted) + ")");
            }
        }
    }

    private static String indexName(Index index) {
        String definition = index.columns() + "|" + index.unique() + "|" + index.method() + "|" + System.nanoTime();
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(definition.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
