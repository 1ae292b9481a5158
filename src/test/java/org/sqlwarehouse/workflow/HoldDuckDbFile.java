package org.sqlwarehouse.workflow;

import java.sql.Connection;
import java.util.Properties;

/** A separate process that opens a DuckDB file and keeps it (and DuckDB's file lock) until killed. */
public final class HoldDuckDbFile {
    private HoldDuckDbFile() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:" + args[0], new Properties())) {
            c.createStatement().execute("create schema if not exists held");
            System.out.println("holding");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
