package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sqlwarehouse.workflow.SafetyFixture.RELATIONS;
import static org.sqlwarehouse.workflow.SafetyFixture.writeProject;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.TestDatabase;

/**
 * Protection on PostgreSQL, checked in the database: a target named {@code prod-eu}, with no
 * {@code protected} flag, is protected by its name, so verify stages a candidate and leaves every
 * live relation as it was; a dev target that logs in as prod-eu does is warned of at build. Each
 * test has its own schemas (whp_*), dropped afterwards.
 */
class ProtectionPostgresTest {
    private static final String PASSWORD = "whp-s3cret-pw";

    @TempDir
    Path tmp;

    private String suffix;
    private String schema;
    private TestDatabase db;

    @BeforeEach
    void connect() throws SQLException {
        Assumptions.assumeTrue(TestDatabase.postgresEnabled(), "PostgreSQL is not reachable");
        suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        schema = "whp_prot_" + suffix;
        db = TestDatabase.postgres();
    }

    @AfterEach
    void dropSchemas() throws SQLException {
        if (db == null) {
            return;
        }
        try {
            db.execute("drop schema if exists \"" + schema + "\" cascade");
            db.execute("drop schema if exists \"" + devSchema() + "\" cascade");
        } finally {
            db.close();
        }
    }

    @Test
    void verifyOnATargetNamedProdEuStagesACandidateAndLeavesTheLiveRelationsAlone() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        new Warehouse(request(project, prodEu(), "prod-eu", new SafetyFixture.RecordingLog())).deploy();
        assertThat(markers()).isEqualTo(allAt(1));
        Map<String, String> identity = identity();

        writeProject(project, 2);
        SafetyFixture.RecordingLog log = new SafetyFixture.RecordingLog();
        new Warehouse(request(project, prodEu(), "prod-eu", log)).build();

        // the live relations are the same objects with the same rows; v2 waits beside them
        assertThat(markers()).as("live relations after verify\n%s", log).isEqualTo(allAt(1));
        assertThat(identity()).isEqualTo(identity);
        assertThat(db.relations(schema).keySet()).anySatisfy(r -> assertThat(r).endsWith("__wh_cand"));
        assertThat(log.toString()).contains("Target 'prod-eu' is protected (name 'prod-eu' contains 'prod')");

        new Warehouse(request(project, prodEu(), "prod-eu", new SafetyFixture.RecordingLog())).deploy();
        assertThat(markers()).isEqualTo(allAt(2));
    }

    @Test
    void aDevBuildThatLogsInAsAProtectedTargetIsWarnedOfOnceNamingBoth() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        // the same server, database and user as prod-eu, written as a JDBC URL, into a dev schema
        TargetDefinition dev = TargetDefinition.builder("dev").type("postgres")
                .url("jdbc:postgresql://" + TestDatabase.pgHost() + ":" + TestDatabase.pgPort() + "/"
                        + TestDatabase.pgDatabase())
                .user(TestDatabase.pgUser()).password(PASSWORD).threads(2).origin("pom.xml").build();
        SafetyFixture.RecordingLog log = new SafetyFixture.RecordingLog();

        new Warehouse(request(project, List.of(dev, prodEu()), "dev", log)).build();

        List<String> warnings = log.lines().stream().filter(l -> l.startsWith("[WARN]")).toList();
        assertThat(warnings).as("%s", log).hasSize(1);
        assertThat(warnings.get(0)).contains("Target 'dev' connects to the database of protected target 'prod-eu'")
                .contains("as the same login, user '" + TestDatabase.pgUser() + "'")
                .contains("each user builds with their own credentials");
        assertThat(log.toString()).doesNotContain(PASSWORD)
                .contains("Target 'dev' is not protected (no schema: each user builds into their own dev schema)");
        assertThat(db.relations(devSchema())).containsKeys("stg", "totals");
    }

    /** prod-eu with no protected flag: only its name protects it. */
    private TargetDefinition prodEu() {
        return TargetDefinition.builder("prod-eu").type("postgres").host(TestDatabase.pgHost())
                .port(TestDatabase.pgPort()).database(TestDatabase.pgDatabase()).user(TestDatabase.pgUser())
                .password(PASSWORD).schema(schema).threads(2).origin("pom.xml").build();
    }

    private String devSchema() {
        return "whp_dev_" + suffix;
    }

    private WarehouseRequest request(Path project, TargetDefinition target, String selected,
            SafetyFixture.RecordingLog log) {
        return request(project, List.of(target), selected, log);
    }

    /** As a Mojo would make it; the dev schema is whp_dev_<suffix>. */
    private WarehouseRequest request(Path project, List<TargetDefinition> targets, String selected,
            SafetyFixture.RecordingLog log) {
        return WarehouseRequest.builder().projectDirectory(project).fallbackName(SafetyFixture.PROJECT)
                .outputDirectory(project.resolve("target/warehouse")).declaredTargets(targets)
                .explicitTarget(selected).devSchemaPrefix("whp_").explicitUser("dev_" + suffix)
                .systemUserName("whp_tester").userHome(project.resolve("no-home")).lockTimeoutSeconds(30)
                .projectVersion("1.0").log(log).build();
    }

    /** Each live relation's distinct ver values. */
    private Map<String, List<String>> markers() throws SQLException {
        Map<String, List<String>> out = new TreeMap<>();
        for (String r : RELATIONS) {
            out.put(r, db.rows("select distinct ver from \"" + schema + "\".\"" + r + "\" order by 1").stream()
                    .map(row -> String.valueOf(row.get("ver"))).toList());
        }
        return out;
    }

    private static Map<String, List<String>> allAt(int version) {
        Map<String, List<String>> out = new TreeMap<>();
        RELATIONS.forEach(r -> out.put(r, List.of("v" + version)));
        return out;
    }

    /** oid, relfilenode and xmin of each live relation: any DDL on it changes them. */
    private Map<String, String> identity() throws SQLException {
        Map<String, String> out = new TreeMap<>();
        for (Map<String, Object> row : db.rows("select c.relname, c.oid::text || '/' || c.relfilenode || '/'"
                + " || c.xmin::text as id from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = '" + schema + "'")) {
            String name = String.valueOf(row.get("relname"));
            if (RELATIONS.contains(name)) {
                out.put(name, String.valueOf(row.get("id")));
            }
        }
        return out;
    }
}
