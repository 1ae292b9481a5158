package org.sqlwarehouse.testing;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Assumptions;
import org.sqlwarehouse.dialect.PostgresDialect;

/**
 * A PostgreSQL schema of its own for one engine-level test, on a plain JDBC connection; closing it
 * drops the schema with everything in it and closes the connection. Skips the test when no server
 * answers (unless CI requires one).
 */
public final class ScratchSchema implements AutoCloseable {
    private static final PostgresDialect DIALECT = new PostgresDialect();

    private final Connection connection;
    private final String name;

    private ScratchSchema(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    /** A new schema named prefix_<random>. */
    public static ScratchSchema create(String prefix) throws SQLException {
        Assumptions.assumeTrue(TestDatabase.postgresEnabled(), "PostgreSQL is not reachable");
        Connection connection = PostgresConnections.open();
        String name = PostgresConnections.schemaName(prefix);
        PostgresConnections.execute(connection, "create schema " + DIALECT.quote(name));
        return new ScratchSchema(connection, name);
    }

    public Connection connection() {
        return connection;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.setAutoCommit(true);
            PostgresConnections.execute(connection, "drop schema if exists " + DIALECT.quote(name) + " cascade");
        } finally {
            connection.close();
        }
    }
}
