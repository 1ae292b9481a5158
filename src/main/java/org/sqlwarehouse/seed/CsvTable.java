package org.sqlwarehouse.seed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A parsed CSV: header names and rows of raw strings, where an empty (unquoted) cell is null.
 * Rows are kept as bare {@code String[]} to keep large seeds small in memory; callers must not
 * modify them.
 */
public final class CsvTable {
    private final String name;
    private final List<String> header;
    private final List<String[]> rows;

    /**
     * @param name the seed name (file name without {@code .csv})
     * @param header column names
     * @param rows rows, each with exactly {@code header.size()} cells
     * @throws IllegalArgumentException if a row has the wrong number of cells
     */
    public CsvTable(String name, List<String> header, List<String[]> rows) {
        this.name = Objects.requireNonNull(name, "name");
        this.header = List.copyOf(header);
        int width = this.header.size();
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            if (row == null || row.length != width) {
                throw new IllegalArgumentException("row " + (i + 1) + " of " + name + " has "
                        + (row == null ? "no" : String.valueOf(row.length)) + " cells, expected " + width);
            }
        }
        // Copy the list (not the arrays) so later changes to the caller's list cannot break the width check.
        this.rows = Collections.unmodifiableList(new ArrayList<>(rows));
    }

    /** The seed name: the file name without {@code .csv}. */
    public String name() {
        return name;
    }

    /** Column names in file order; unmodifiable. */
    public List<String> header() {
        return header;
    }

    /** Data rows in file order; each has exactly {@code header().size()} cells, null for empty. */
    public List<String[]> rows() {
        return rows;
    }

    @Override
    public String toString() {
        return "CsvTable[" + name + ", " + header.size() + " columns, " + rows.size() + " rows]";
    }
}
