package org.sqlwarehouse.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationKind;
import org.sqlwarehouse.seed.CsvReader;
import org.sqlwarehouse.seed.CsvTable;
import org.sqlwarehouse.seed.SeedColumn;
import org.sqlwarehouse.seed.SeedColumnTypes;
import org.sqlwarehouse.seed.SeedFormatException;
import org.sqlwarehouse.seed.SeedTypeInference;

/** Loads a seed CSV into a fresh table and swaps it in for the previous one; a new seed is loaded under its name. */
final class SeedLoader {
    private final Dialect dialect;
    private final RelationReplacer replacer;

    SeedLoader(Dialect dialect, RelationReplacer replacer) {
        this.dialect = dialect;
        this.replacer = replacer;
    }

    /**
     * @param absent the plan found no relation by the seed's name
     * @return the number of rows loaded
     */
    int load(java.sql.Connection c, CompiledNode node, Set<String> rebuiltLater, boolean absent,
            RelationReplacer.Creator afterCreate)
            throws SQLException, WarehouseException {
        CsvTable table;
        try {
            table = CsvReader.read(node.seed().file(), node.originalFilePath());
        } catch (SeedFormatException e) {
            throw new WarehouseException(e.getMessage(), "Fix the CSV; fields with commas, quotes or newlines "
                    + "must be enclosed in double quotes, with inner quotes doubled.");
        } catch (IOException e) {
            throw new WarehouseException("Cannot read " + node.originalFilePath() + ": " + e.getMessage());
        }
        checkColumnNames(table, node.originalFilePath());
        List<SeedColumn> columns;
        try {
            columns = SeedTypeInference.infer(table, SeedColumnTypes.columnTypes(node.config()));
        } catch (IllegalArgumentException e) {
            throw new WarehouseException(node.originalFilePath() + ": " + e.getMessage(),
                    "Check column_types in dbt_project.yml or the seed's properties.");
        }
        int[] scales = SeedColumnTypes.decimalScales(table, columns);
        String schema = node.relation().getSchema();
        replacer.swap(c, schema, node.relation().getIdentifier(), RelationKind.TABLE,
                RelationReplacer.then((conn, target) -> dialect.createAndLoadSeed(conn, schema, target, columns, scales,
                        table), afterCreate), rebuiltLater, absent);
        return table.rows().size();
    }

    /**
     * Fails before anything is loaded on a header name longer than the database keeps: PostgreSQL
     * silently cuts it to 63 bytes, so the table gets another name, or two columns end up with one.
     */
    private void checkColumnNames(CsvTable table, String file) throws WarehouseException {
        int max = dialect.maxIdentifierBytes();
        for (int i = 0; i < table.header().size(); i++) {
            String column = table.header().get(i);
            int bytes = column.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > max) {
                throw new WarehouseException(file + ": the column name \"" + column + "\" (column " + (i + 1)
                        + ") is " + bytes + " bytes long; " + dialect.type() + " keeps identifiers of at most " + max
                        + " bytes and would cut it, so the seed is not loaded.",
                        "Shorten that header name in the CSV to at most " + max + " bytes (and column_types, if it"
                                + " names it).");
            }
        }
    }

}
