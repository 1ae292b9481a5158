package org.sqlwarehouse.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.environment.CredentialResolver;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.TestDatabase;
import org.sqlwarehouse.testing.ProjectFiles;

/**
 * What the deploy safety tests share: a small dbt project written in numbered versions, the
 * request a Mojo would build for it, and a log that records its lines.
 *
 * <p>The project, at version n: a seed {@code base} (5 rows, amount = id * 10 * n), a view
 * {@code stg} over it, a table {@code totals}, a view {@code report} over totals and an independent
 * table {@code other}. Every relation has a column {@code ver} holding {@code 'v<n>'}, so a reader
 * can tell which version each relation is, and the row contents differ between versions.
 */
final class SafetyFixture {
    static final String PROJECT = "safety";
    /** The project's relations, in dependency order. */
    static final List<String> RELATIONS = List.of("base", "stg", "totals", "report", "other");

    private SafetyFixture() {
    }

    // ---- the project ----

    static Path writeProject(Path dir, int version) throws IOException {
        write(dir, "dbt_project.yml", "name: " + PROJECT + "\nmodels:\n  " + PROJECT + ":\n    +materialized: view\n");
        StringBuilder csv = new StringBuilder("id,amount,ver\n");
        for (int id = 1; id <= 5; id++) {
            csv.append(id).append(',').append(id * 10 * version).append(",v").append(version).append('\n');
        }
        write(dir, "seeds/base.csv", csv.toString());
        write(dir, "models/stg.sql", "select id, amount, ver from {{ ref('base') }}\n");
        write(dir, "models/totals.sql", "{{ config(materialized='table') }}\n"
                + "select sum(amount) as total, count(*) as n, max(ver) as ver\nfrom {{ ref('stg') }}\n");
        write(dir, "models/report.sql", "select total, n, total / n as average, ver from {{ ref('totals') }}\n");
        write(dir, "models/other.sql", "{{ config(materialized='table') }}\n"
                + "select 42 as answer, cast('v" + version + "' as varchar(8)) as ver\n");
        write(dir, "models/schema.yml", schemaYml(""));
        return dir;
    }

    /** models/schema.yml with the project's data tests, plus extra column tests for stg.ver. */
    static String schemaYml(String extraVerTests) {
        return "version: 2\n"
                + "models:\n"
                + "  - name: stg\n"
                + "    columns:\n"
                + "      - name: id\n"
                + "        tests:\n"
                + "          - unique\n"
                + "          - not_null\n"
                + (extraVerTests.isEmpty() ? "" : "      - name: ver\n        tests:\n" + extraVerTests)
                + "  - name: totals\n"
                + "    columns:\n"
                + "      - name: total\n"
                + "        tests:\n"
                + "          - not_null\n";
    }

    static void write(Path dir, String relative, String content) throws IOException {
        ProjectFiles.write(dir, relative, content);
    }

    // ---- targets and requests ----

    static String randomSchema() {
        return "it_safety_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** A protected PostgreSQL target "prod"; the sessions carry applicationName in pg_stat_activity. */
    static TargetDefinition postgresTarget(String schema, String applicationName) {
        TargetDefinition.Builder b = TargetDefinition.builder("prod").type("postgres").host(TestDatabase.pgHost())
                .port(TestDatabase.pgPort()).database(TestDatabase.pgDatabase()).user(TestDatabase.pgUser())
                .schema(schema).threads(2).protectedFlag(true).origin("test");
        if (applicationName != null) {
            b.properties(Map.of("ApplicationName", applicationName));
        }
        return b.build();
    }

    /** A protected DuckDB target "prod" in the given file. */
    static TargetDefinition duckdbTarget(Path file, String schema) {
        return TargetDefinition.builder("prod").type("duckdb").path(file.toAbsolutePath().toString()).schema(schema)
                .threads(2).protectedFlag(true).origin("test").build();
    }

    /** What AbstractWarehouseMojo#request() would give for this project, target and output folder. */
    static WarehouseRequest request(Path project, Path output, TargetDefinition target, BuildLog log,
            int lockTimeoutSeconds, String projectVersion) {
        return request(project, output, target, log, lockTimeoutSeconds, projectVersion, false);
    }

    /** As above, with -Dwarehouse.recreateOutsideViews set as given. */
    static WarehouseRequest request(Path project, Path output, TargetDefinition target, BuildLog log,
            int lockTimeoutSeconds, String projectVersion, boolean recreateOutsideViews) {
        return requestBuilder(project, output, target, log).lockTimeoutSeconds(lockTimeoutSeconds)
                .recreateOutsideViews(recreateOutsideViews).projectVersion(projectVersion).build();
    }

    /** The request's builder, for a test that sets more options (skipTests, pruneOrphans, ...). */
    static WarehouseRequestBuilder requestBuilder(Path project, Path output, TargetDefinition target, BuildLog log) {
        return WarehouseRequest.builder().projectDirectory(project).fallbackName(PROJECT).outputDirectory(output)
                .declaredTargets(List.of(target)).explicitTarget(target.name()).explicitUser("safety_tester")
                .systemUserName("safety_tester").userHome(project.resolve("no-home")).log(log);
    }

    /**
     * Each live relation of the schema (no sidecar, no state table) to the distinct {@code ver}
     * values it holds: which version of the fixture project a reader sees.
     */
    static Map<String, List<String>> markers(TestDatabase db, String schema) throws java.sql.SQLException {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        for (String r : db.relations(schema).keySet()) {
            if (r.contains("__wh_")) {
                continue;
            }
            List<String> versions = new ArrayList<>();
            for (Map<String, Object> row : db.rows("select distinct ver from \"" + schema + "\".\"" + r
                    + "\" order by 1")) {
                versions.add(String.valueOf(row.get("ver")));
            }
            out.put(r, versions);
        }
        return out;
    }

    /** What {@link #markers} gives when every relation of the fixture project is at the version. */
    static Map<String, List<String>> allAt(int version) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        RELATIONS.forEach(r -> out.put(r, List.of("v" + version)));
        return out;
    }

    /** A log that keeps every line, for messages when something fails. */
    static final class RecordingLog implements BuildLog {
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void info(String message) {
            lines.add("[INFO] " + message);
        }

        @Override
        public void warn(String message) {
            lines.add("[WARN] " + message);
        }

        @Override
        public void error(String message) {
            lines.add("[ERROR] " + message);
        }

        @Override
        public void debug(String message) {
            lines.add("[DEBUG] " + message);
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        List<String> lines() {
            synchronized (lines) {
                return new ArrayList<>(lines);
            }
        }

        @Override
        public String toString() {
            return String.join("\n", lines());
        }
    }
}
