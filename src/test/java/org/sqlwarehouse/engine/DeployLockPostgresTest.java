package org.sqlwarehouse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.PostgresDialect;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.testing.PostgresConnections;
import org.sqlwarehouse.testing.TestDatabase;

/**
 * The schema lock on PostgreSQL, taken from the engine's own connection pool: it names its holder,
 * and closing it ends the session that held it, so no pooled session is left holding it.
 */
class DeployLockPostgresTest {
    private final PostgresDialect dialect = new PostgresDialect();
    private TestDatabase db;
    private HikariDataSource pool;
    private String schema;
    private String application;

    @BeforeEach
    void open() throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgresEnabled(), "PostgreSQL is not reachable");
        db = TestDatabase.postgres();
        schema = PostgresConnections.schemaName("whl_lock");
        application = "wh-lock-" + schema;
        TargetDefinition def = TargetDefinition.builder("prod").type("postgres").host(TestDatabase.pgHost())
                .port(TestDatabase.pgPort()).database(TestDatabase.pgDatabase()).user(TestDatabase.pgUser())
                .schema(schema).threads(1).properties(Map.of("ApplicationName", application)).build();
        pool = ConnectionPools.open(ResolvedTarget.resolve(def, "dbt_", "tester", 1), dialect, Path.of("."));
    }

    @AfterEach
    void close() throws Exception {
        if (pool != null) {
            pool.close();
        }
        if (db != null) {
            db.close();
        }
    }

    /** The server processes holding the schema's lock. */
    private List<Object> holders() throws Exception {
        return db.rows("select l.pid from pg_locks l where l.locktype = 'advisory' and l.granted and l.classid = "
                + 0x5748 + " and l.objid = ((hashtext('" + schema + "')::bigint & 4294967295)::text)::oid"
                + " and l.objsubid = 2").stream().map(r -> r.get("pid")).toList();
    }

    @Test
    void closingTheLockEndsTheSessionThatHeldItInsteadOfPoolingIt() throws Exception {
        Object pid;
        try (DeployLock lock = DeployLock.acquire(pool, dialect, schema, 5, BuildLog.SILENT)) {
            assertThat(holders()).hasSize(1);
            pid = holders().get(0);
        }
        assertThat(holders()).isEmpty();
        // the session is closed for good (the pool closes it in the background): none of its locks
        // can outlive the deploy in a pooled connection
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (((Number) db.value("select count(*) from pg_stat_activity where pid = " + pid)).intValue() > 0) {
            assertThat(System.nanoTime()).as("session " + pid + " of the lock still open").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aSecondAcquireFromTheSamePoolWaitsAndNamesTheHolder() throws Exception {
        try (DeployLock lock = DeployLock.acquire(pool, dialect, schema, 5, BuildLog.SILENT)) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> DeployLock.acquire(pool, dialect, schema, 1, BuildLog.SILENT))
                    .isInstanceOf(WarehouseException.class).hasMessageContaining(application)
                    .hasMessageContaining("schema " + schema).hasMessageContaining("Waited 1 s");
            assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(900);
        }
        // released: the next one takes it at once
        try (DeployLock again = DeployLock.acquire(pool, dialect, schema, 1, BuildLog.SILENT)) {
            assertThat(holders()).hasSize(1);
        }
    }
}
