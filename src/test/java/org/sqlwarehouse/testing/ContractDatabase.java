package org.sqlwarehouse.testing;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.sqlwarehouse.environment.TargetDefinition;

/**
 * The database one run of a contract test uses, on one dialect: a DuckDB file in the test's folder
 * with a fixed schema, or the test PostgreSQL server with a schema of the run's own, dropped
 * afterwards with the siblings the run made. What each per-dialect subclass of a contract would
 * otherwise repeat.
 */
public final class ContractDatabase implements AutoCloseable {
    private final String type;
    private final String schema;
    private final Path file;
    private final TestDatabase db;
    private final List<String> siblingSuffixes;

    private ContractDatabase(String type, String schema, Path file, TestDatabase db, List<String> siblingSuffixes) {
        this.type = type;
        this.schema = schema;
        this.file = file;
        this.db = db;
        this.siblingSuffixes = siblingSuffixes;
    }

    /** DuckDB in {@code dir/warehouse.duckdb}, schema {@code schema}. */
    public static ContractDatabase duckdb(Path dir, String schema) throws SQLException {
        Path file = dir.resolve("warehouse.duckdb");
        return new ContractDatabase("duckdb", schema, file, TestDatabase.duckdb(file.toFile()), List.of());
    }

    /**
     * The test PostgreSQL server (skipped where it is not reachable and not required), a schema
     * {@code prefix<random>}; on close, it and its siblings {@code <schema><suffix>} are dropped.
     */
    public static ContractDatabase postgres(String prefix, String... siblingSuffixes) throws SQLException {
        Assumptions.assumeTrue(TestDatabase.postgresEnabled(), "PostgreSQL is not reachable");
        String schema = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        return new ContractDatabase("postgres", schema, null, TestDatabase.postgres(), List.of(siblingSuffixes));
    }

    public String schema() {
        return schema;
    }

    public TestDatabase db() {
        return db;
    }

    /** A target on this database in {@link #schema()}, to finish (protection, threads) and build. */
    public TargetDefinition.Builder target(String name) {
        TargetDefinition.Builder b = TargetDefinition.builder(name).type(type).schema(schema).threads(2).origin("test");
        return "duckdb".equals(type) ? b.path(file.toAbsolutePath().toString())
                : b.host(TestDatabase.pgHost()).port(TestDatabase.pgPort()).database(TestDatabase.pgDatabase())
                        .user(TestDatabase.pgUser());
    }

    @Override
    public void close() throws SQLException {
        try {
            if ("postgres".equals(type)) {
                db.execute("drop schema if exists \"" + schema + "\" cascade");
                for (String suffix : siblingSuffixes) {
                    db.execute("drop schema if exists \"" + schema + suffix + "\" cascade");
                }
            }
        } finally {
            db.close();
        }
    }
}
