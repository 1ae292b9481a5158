package org.sqlwarehouse.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/** Plain JDBC connections to the test server, and throwaway schema names, for engine-level tests. */
public final class PostgresConnections {
    private PostgresConnections() {
    }

    public static Connection open() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", TestDatabase.pgUser());
        return new org.postgresql.Driver().connect("jdbc:postgresql://" + TestDatabase.pgHost() + ":"
                + TestDatabase.pgPort() + "/" + TestDatabase.pgDatabase(), props);
    }

    /** A schema name of its own per test, so that a test never sees another's relations. */
    public static String schemaName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    public static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
