package org.sqlwarehouse.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sqlwarehouse.testing.PostgresConnections.execute;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.DuckDbDialect;
import org.sqlwarehouse.dialect.PostgresDialect;
import org.sqlwarehouse.testing.PostgresConnections;
import org.sqlwarehouse.testing.StatementLog;
import org.sqlwarehouse.testing.TestDatabase;

/**
 * The state rows of many relations written in one batch and one transaction, read back from the
 * state table on both databases: every field as given, a second write replacing the first.
 */
class StateStoreTest {
    @TempDir
    Path dir;

    @Test
    void duckDbWritesEveryRowInOneBatch() throws SQLException {
        try (Connection c = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:" + dir.resolve("state.duckdb"),
                new Properties())) {
            writesEveryRowInOneBatch(new DuckDbDialect(), c, "analytics");
        }
    }

    @Test
    void postgresWritesEveryRowInOneBatch() throws SQLException {
        Assumptions.assumeTrue(TestDatabase.postgresEnabled(), "PostgreSQL is not reachable");
        String schema = PostgresConnections.schemaName("it_state");
        PostgresDialect dialect = new PostgresDialect();
        try (Connection c = PostgresConnections.open()) {
            try {
                writesEveryRowInOneBatch(dialect, c, schema);
            } finally {
                execute(c, "drop schema if exists " + dialect.quote(schema) + " cascade");
            }
        }
    }

    @Test
    void postgresRowsWrittenInTheCallersTransactionGoWithItsRollback() throws SQLException {
        Assumptions.assumeTrue(TestDatabase.postgresEnabled(), "PostgreSQL is not reachable");
        String schema = PostgresConnections.schemaName("it_state");
        PostgresDialect dialect = new PostgresDialect();
        try (Connection c = PostgresConnections.open()) {
            try {
                StateStore store = new StateStore(dialect, schema);
                store.ensureTables(c);
                c.setAutoCommit(false);
                store.saveAll(c, rows(schema, 3, "deploy-1"));
                c.rollback();
                c.setAutoCommit(true);

                assertThat(store.load(c, schema)).isEmpty();
            } finally {
                c.setAutoCommit(true);
                execute(c, "drop schema if exists " + dialect.quote(schema) + " cascade");
            }
        }
    }

    private void writesEveryRowInOneBatch(Dialect dialect, Connection raw, String schema) throws SQLException {
        StateStore store = new StateStore(dialect, schema);
        store.ensureTables(raw);
        StatementLog log = new StatementLog();
        Connection c = log.wrap(raw);

        store.saveAll(c, rows(schema, 50, "deploy-1"));
        List<RelationState> second = rows(schema, 50, "deploy-2");
        store.saveAll(c, second);

        Map<String, RelationState> loaded = store.load(raw, schema);
        assertThat(loaded).hasSize(50);
        for (RelationState expected : second) {
            assertThat(loaded.get(expected.key())).isEqualTo(expected);
        }
        // per write: one delete and one insert statement prepared and batched, one commit
        assertThat(log.statements()).hasSize(6);
        assertThat(log.statements()).filteredOn("commit"::equals).hasSize(2);
        assertThat(raw.getAutoCommit()).isTrue();
    }

    private static List<RelationState> rows(String schema, int count, String deployId) {
        List<RelationState> rows = new ArrayList<>();
        // whole seconds: both databases keep them exactly
        Timestamp at = new Timestamp(1_700_000_000_000L);
        for (int i = 0; i < count; i++) {
            rows.add(new RelationState(schema, schema, "model_" + i, "model.p.model_" + i, i % 2 == 0 ? "table" : "view",
                    "sql" + i, "config" + i, deployId + "-fp" + i, i % 3 == 0 ? null : "prev" + i, i % 3 != 0, at,
                    "alice@build-host", "p", "1.0", "abc123" + deployId, deployId, "cols" + i, null, "project" + i));
        }
        return rows;
    }
}
