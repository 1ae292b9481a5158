package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.PostgresDialect;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.testing.ProjectFiles;
import org.sqlwarehouse.testing.TestDatabase;
import org.sqlwarehouse.workflow.EnvironmentCleanup.Outcome;

/**
 * drop-schema -Dwarehouse.olderThan, checked in the database: of several environments in one
 * database it drops exactly this project's old, unprotected, undeclared one with its sibling;
 * a recent one, another project's old one, an old one in a protected target's schema, an old one in
 * a schema a target declares and a schema without state stay. A dry run drops nothing; a bad age is
 * refused before anything is touched. On DuckDB and PostgreSQL; the project's name and every schema
 * carry the test's own random token, so that no other environment of the shared database is ever a
 * candidate.
 */
class DropOldEnvironmentsTest {
    private static final String LONG_AGO = "timestamp '2020-01-02 03:04:05'";

    @TempDir
    Path tmp;

    private final String token = "whc" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final String project = "cleanup_" + token;

    @AfterEach
    void dropSchemas() throws Exception {
        DevFixture.dropPostgresSchemas("dbt_" + token);
        DevFixture.dropPostgresSchemas(token);
    }

    /** The schemas the fixture makes, by their part in the test. */
    private String base(String user) {
        return "dbt_" + token + "_" + user;
    }

    private Path writeProject(Path dir, String name) throws Exception {
        ProjectFiles.write(dir, "dbt_project.yml", "name: " + name + "\nmodels:\n  " + name + ":\n"
                + "    +materialized: table\n    marketing:\n      +schema: marketing\n");
        ProjectFiles.write(dir, "models/base.sql", "select 1 as id\n");
        ProjectFiles.write(dir, "models/marketing/campaigns.sql", "select id from {{ ref('base') }}\n");
        return dir;
    }

    private TargetDefinition declared(TargetDefinition dev, String name, String schema, boolean isProtected) {
        return dev.toBuilder().name(name).schema(schema).protectedFlag(isProtected).build();
    }

    private WarehouseRequest request(Path dir, List<TargetDefinition> targets, String user, String olderThan,
            boolean dryRun) {
        return WarehouseRequest.builder().projectDirectory(dir).fallbackName(project)
                .outputDirectory(dir.resolve("target/warehouse")).declaredTargets(targets).explicitTarget("dev")
                .explicitUser(user).systemUserName(user).devSchemaPrefix("dbt_").userHome(dir.resolve("no-home"))
                .lockTimeoutSeconds(30).projectVersion("1.0").olderThan(olderThan).dryRun(dryRun)
                .log(BuildLog.SILENT).build();
    }

    private void build(Path dir, TargetDefinition dev, String user) throws Exception {
        new Warehouse(request(dir, List.of(dev), token + "_" + user, null, false)).build();
    }

    /** Makes the environment look last built in 2020, as its state says. */
    private void age(TestDatabase db, String schema) throws Exception {
        db.execute("update " + quote(schema) + "._warehouse_relations set deployed_at = " + LONG_AGO);
    }

    /** The fixture: which environments exist, and the targets the cleanup runs with. */
    private record Fixture(Path project, List<TargetDefinition> targets) {
    }

    private Fixture environments(String type) throws Exception {
        Path dir = writeProject(tmp.resolve("project"), project);
        Path otherDir = writeProject(tmp.resolve("other"), "other_" + token);
        TargetDefinition dev = DevFixture.devTarget(type, tmp);
        build(dir, dev, "old");
        build(dir, dev, "new");
        build(dir, dev, "live");
        build(dir, dev, "qa");
        build(otherDir, dev, "other");
        try (TestDatabase db = DevFixture.open(type, tmp)) {
            for (String user : List.of("old", "live", "qa", "other")) {
                age(db, base(user));
            }
            db.execute("create schema " + quote(token + "_nostate"));
            db.execute("create table " + quote(token + "_nostate") + ".notes as select 1 as id");
            // a table named like the state that is not the plugin's: nothing says whose the schema is
            db.execute("create schema " + quote(token + "_foreign"));
            db.execute("create table " + quote(token + "_foreign") + "._warehouse_relations (x integer)");
        }
        List<TargetDefinition> targets = new ArrayList<>();
        targets.add(dev);
        // a protected target's schema and a declared one, both holding old state of this project
        targets.add(declared(dev, "prod", base("live"), true));
        targets.add(declared(dev, "qa", base("qa"), false));
        return new Fixture(dir, targets);
    }

    private EnvironmentCleanup cleanup(Fixture fixture, String olderThan, boolean dryRun) throws WarehouseException {
        return new Warehouse(request(fixture.project(), fixture.targets(), token + "_ci", olderThan, dryRun))
                .dropOldEnvironments();
    }

    private List<String> allSchemas() {
        return List.of(base("old"), base("old") + "_marketing", base("new"), base("new") + "_marketing",
                base("live"), base("live") + "_marketing", base("qa"), base("qa") + "_marketing",
                base("other"), base("other") + "_marketing");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"duckdb", "postgres"})
    void aDryRunListsTheOldEnvironmentAndWhatItKeepsAndDropsNothing(String type) throws Exception {
        Fixture fixture = environments(type);

        EnvironmentCleanup cleanup = cleanup(fixture, "14d", true);

        assertThat(cleanup.dryRun()).isTrue();
        assertThat(cleanup.droppedSchemas()).containsExactly(base("old"));
        assertThat(cleanup.environment(base("old"))).hasValueSatisfying(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.WOULD_DROP);
            assertThat(e.siblings()).containsExactly(base("old") + "_marketing");
            assertThat(e.builtBy()).isNotBlank();
            assertThat(e.lastBuilt()).isBefore(Instant.parse("2020-01-03T00:00:00Z"));
        });
        assertThat(cleanup.keptSchemas()).containsExactly(base("live"), base("new"), base("qa"));
        assertThat(cleanup.environment(base("live")).orElseThrow().reason()).contains("'prod'", "protected");
        assertThat(cleanup.environment(base("qa")).orElseThrow().reason()).contains("'qa'", "declares");
        assertThat(cleanup.environment(base("new"))).hasValueSatisfying(e -> {
            assertThat(e.reason()).contains("within the last 14d");
            assertThat(e.siblings()).containsExactly(base("new") + "_marketing");
        });
        // another project's environment and a schema without state are not this project's environments
        assertThat(cleanup.environment(base("other"))).isEmpty();
        assertThat(cleanup.environment(token + "_nostate")).isEmpty();
        assertThat(cleanup.environment(token + "_foreign")).isEmpty();
        try (TestDatabase db = DevFixture.open(type, tmp)) {
            assertThat(DevFixture.schemas(db, "dbt_" + token)).containsExactlyInAnyOrderElementsOf(allSchemas());
            assertThat(db.relations(base("old") + "_marketing")).containsOnlyKeys("campaigns");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"duckdb", "postgres"})
    void dropsExactlyTheOldEnvironmentOfThisProjectWithItsSibling(String type) throws Exception {
        Fixture fixture = environments(type);

        EnvironmentCleanup cleanup = cleanup(fixture, "14d", false);

        assertThat(cleanup.environment(base("old")).orElseThrow().outcome()).isEqualTo(Outcome.DROPPED);
        assertThat(cleanup.droppedSchemas()).containsExactly(base("old"));
        try (TestDatabase db = DevFixture.open(type, tmp)) {
            List<String> left = new ArrayList<>(allSchemas());
            left.removeAll(List.of(base("old"), base("old") + "_marketing"));
            assertThat(DevFixture.schemas(db, "dbt_" + token)).containsExactlyInAnyOrderElementsOf(left);
            for (String user : List.of("new", "live", "qa", "other")) {
                assertThat(db.relations(base(user))).containsKey("base");
                assertThat(db.relations(base(user) + "_marketing")).containsOnlyKeys("campaigns");
            }
            assertThat(db.value("select id from " + quote(token + "_nostate") + ".notes")).hasToString("1");
            assertThat(db.stateTables(token + "_foreign")).contains("_warehouse_relations");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"duckdb", "postgres"})
    void aShorterAgeDropsTheRecentEnvironmentTooButNeverTheGuardedOnes(String type) throws Exception {
        Fixture fixture = environments(type);
        Thread.sleep(1500);

        EnvironmentCleanup cleanup = cleanup(fixture, "1s", false);

        assertThat(cleanup.droppedSchemas()).containsExactly(base("new"), base("old"));
        try (TestDatabase db = DevFixture.open(type, tmp)) {
            assertThat(DevFixture.schemas(db, "dbt_" + token)).containsExactlyInAnyOrder(base("live"),
                    base("live") + "_marketing", base("qa"), base("qa") + "_marketing", base("other"),
                    base("other") + "_marketing");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"14", "14w", "0d", "-3d", "two weeks"})
    void aBadAgeIsRefusedBeforeAnythingIsDropped(String olderThan) throws Exception {
        Fixture fixture = environments("postgres");

        assertThatThrownBy(() -> cleanup(fixture, olderThan, false))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("warehouse.olderThan='" + olderThan + "' is not an age")
                .satisfies(e -> assertThat(((WarehouseException) e).getHint()).contains("14d"));
        try (TestDatabase db = DevFixture.open("postgres", tmp)) {
            assertThat(DevFixture.schemas(db, "dbt_" + token)).containsExactlyInAnyOrderElementsOf(allSchemas());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"duckdb", "postgres"})
    void aDryRunOfTheUsersOwnDropSchemaDropsNothing(String type) throws Exception {
        Path dir = writeProject(tmp.resolve("project"), project);
        TargetDefinition dev = DevFixture.devTarget(type, tmp);
        build(dir, dev, "mine");

        DroppedEnvironment listed = new Warehouse(request(dir, List.of(dev), token + "_mine", null, true)).dropSchema();

        assertThat(listed.dropped()).containsExactly(base("mine") + "_marketing", base("mine"));
        try (TestDatabase db = DevFixture.open(type, tmp)) {
            assertThat(DevFixture.schemas(db, "dbt_" + token)).containsExactly(base("mine"), base("mine") + "_marketing");
            assertThat(db.relations(base("mine"))).containsKey("base");
        }
    }

    private static String quote(String identifier) {
        return new PostgresDialect().quote(identifier);
    }
}
