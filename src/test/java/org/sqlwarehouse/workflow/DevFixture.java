package org.sqlwarehouse.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.sqlwarehouse.dialect.PostgresDialect;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.testing.ProjectFiles;
import org.sqlwarehouse.testing.TestDatabase;

/**
 * What the dev-environment tests share: a small project with a custom schema, dev targets (no
 * schema, so each user gets dbt_&lt;user&gt;) on DuckDB and PostgreSQL, and the request a Mojo would
 * build for a given user and prefix.
 *
 * <p>The project {@code devenv}: a table {@code base} in the user's schema and a table
 * {@code campaigns} over it in the {@code +schema: marketing} sibling.
 */
final class DevFixture {
    static final String PROJECT = "devenv";

    private DevFixture() {
    }

    static Path writeProject(Path dir) throws IOException {
        ProjectFiles.write(dir, "dbt_project.yml", "name: " + PROJECT + "\nmodels:\n  " + PROJECT + ":\n"
                + "    +materialized: table\n    marketing:\n      +schema: marketing\n");
        ProjectFiles.write(dir, "models/base.sql", "select 1 as id\n");
        ProjectFiles.write(dir, "models/marketing/campaigns.sql", "select id from {{ ref('base') }}\n");
        return dir;
    }

    /** The dev target of the given type: a DuckDB file in dir, or the test PostgreSQL server. */
    static TargetDefinition devTarget(String type, Path dir) {
        TargetDefinition.Builder b = TargetDefinition.builder("dev").type(type).threads(2).origin("test");
        if ("duckdb".equals(type)) {
            return b.path(dir.resolve("dev.duckdb").toAbsolutePath().toString()).build();
        }
        Assumptions.assumeTrue(TestDatabase.postgresEnabled(), "PostgreSQL is not reachable");
        return b.host(TestDatabase.pgHost()).port(TestDatabase.pgPort()).database(TestDatabase.pgDatabase())
                .user(TestDatabase.pgUser()).build();
    }

    static WarehouseRequest request(Path project, TargetDefinition target, String user, String prefix, BuildLog log) {
        return request(project, target, user, prefix, log, 30);
    }

    static WarehouseRequest request(Path project, TargetDefinition target, String user, String prefix, BuildLog log,
            int lockTimeoutSeconds) {
        return WarehouseRequest.builder().projectDirectory(project).fallbackName(PROJECT)
                .outputDirectory(project.resolve("target/warehouse")).declaredTargets(List.of(target))
                .explicitTarget(target.name()).explicitUser(user).systemUserName(user).devSchemaPrefix(prefix)
                .userHome(project.resolve("no-home")).lockTimeoutSeconds(lockTimeoutSeconds).projectVersion("1.0").log(log)
                .build();
    }

    /** A connection to the target's database, for checks. */
    static TestDatabase open(String type, Path dir) throws java.sql.SQLException {
        return "duckdb".equals(type) ? TestDatabase.duckdb(dir.resolve("dev.duckdb").toFile()) : TestDatabase.postgres();
    }

    /** The schemas of the target's database whose name starts with prefix. */
    static List<String> schemas(TestDatabase db, String prefix) throws java.sql.SQLException {
        List<String> out = new ArrayList<>();
        for (var row : db.rows("select schema_name from information_schema.schemata order by 1")) {
            String name = String.valueOf(row.get("schema_name"));
            if (name.startsWith(prefix)) {
                out.add(name);
            }
        }
        return out;
    }

    /** Drops the PostgreSQL schemas starting with prefix (the test's own, whn_ or dbt_whn). */
    static void dropPostgresSchemas(String prefix) throws java.sql.SQLException {
        if (!TestDatabase.postgresEnabled()) {
            return;
        }
        PostgresDialect dialect = new PostgresDialect();
        try (TestDatabase db = TestDatabase.postgres()) {
            for (String schema : schemas(db, prefix)) {
                db.execute("drop schema if exists " + dialect.quote(schema) + " cascade");
            }
        }
    }
}
