package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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

/**
 * drop-schema drops exactly the current user's environment, checked in the database: another user
 * whose schema starts like ours keeps everything, a schema without the plugin's state is left alone
 * (also when it is named like the user's), and an empty prefix is refused. On DuckDB and PostgreSQL;
 * every schema a test makes starts with its own dbt_whn&lt;random&gt; or whn&lt;random&gt;.
 */
class DropSchemaTest {
    @TempDir
    Path tmp;

    private final String token = "whn" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    @AfterEach
    void dropSchemas() throws Exception {
        DevFixture.dropPostgresSchemas("dbt_" + token);
        DevFixture.dropPostgresSchemas(token);
    }

    private void build(Path project, TargetDefinition target, String user) throws Exception {
        new Warehouse(DevFixture.request(project, target, user, "dbt_", BuildLog.SILENT)).build();
    }

    private DroppedEnvironment dropSchema(Path project, TargetDefinition target, String user, String prefix)
            throws WarehouseException {
        return new Warehouse(DevFixture.request(project, target, user, prefix, BuildLog.SILENT)).dropSchema();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"duckdb", "postgres"})
    void anotherUserWhoseSchemaStartsLikeOursKeepsEverything(String type) throws Exception {
        Path project = DevFixture.writeProject(tmp.resolve("project"));
        TargetDefinition target = DevFixture.devTarget(type, tmp);
        String bob = token + "_bob";
        String bobSmith = token + "_bob_smith";
        build(project, target, bobSmith);
        build(project, target, bob);

        DroppedEnvironment dropped = dropSchema(project, target, bob, "dbt_");

        assertThat(dropped.dropped()).containsExactly("dbt_" + bob + "_marketing", "dbt_" + bob);
        try (TestDatabase db = DevFixture.open(type, tmp)) {
            assertThat(DevFixture.schemas(db, "dbt_" + token)).containsExactly("dbt_" + bobSmith,
                    "dbt_" + bobSmith + "_marketing");
            assertThat(db.relations("dbt_" + bobSmith)).containsOnlyKeys("base");
            assertThat(db.relations("dbt_" + bobSmith + "_marketing")).containsOnlyKeys("campaigns");
            assertThat(db.stateTables("dbt_" + bobSmith)).contains("_warehouse_relations");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"duckdb", "postgres"})
    void aSchemaWithoutStateIsLeftAloneEvenWhenNamedLikeASibling(String type) throws Exception {
        Path project = DevFixture.writeProject(tmp.resolve("project"));
        TargetDefinition target = DevFixture.devTarget(type, tmp);
        String root = token + "_root";
        build(project, target, root);
        String admin = "dbt_" + root + "_admin";
        try (TestDatabase db = DevFixture.open(type, tmp)) {
            db.execute("create schema " + quote(admin));
            db.execute("create table " + quote(admin) + ".users as select 1 as id");
        }

        DroppedEnvironment dropped = dropSchema(project, target, root, "dbt_");

        assertThat(dropped.dropped()).containsExactly("dbt_" + root + "_marketing", "dbt_" + root);
        try (TestDatabase db = DevFixture.open(type, tmp)) {
            assertThat(DevFixture.schemas(db, "dbt_" + token)).containsExactly(admin);
            assertThat(db.value("select id from " + quote(admin) + ".users")).hasToString("1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"duckdb", "postgres"})
    void theUsersSchemaWithoutStateIsLeftAloneWithTheReason(String type) throws Exception {
        Path project = DevFixture.writeProject(tmp.resolve("project"));
        TargetDefinition target = DevFixture.devTarget(type, tmp);
        String carol = token + "_carol";
        try (TestDatabase db = DevFixture.open(type, tmp)) {
            db.execute("create schema " + quote("dbt_" + carol));
            db.execute("create table " + quote("dbt_" + carol) + ".notes as select 1 as id");
        }

        DroppedEnvironment dropped = dropSchema(project, target, carol, "dbt_");

        assertThat(dropped.dropped()).isEmpty();
        assertThat(dropped.kept()).singleElement().satisfies(k -> {
            assertThat(k.schema()).isEqualTo("dbt_" + carol);
            assertThat(k.reason()).contains("no warehouse state");
        });
        try (TestDatabase db = DevFixture.open(type, tmp)) {
            assertThat(db.value("select id from " + quote("dbt_" + carol) + ".notes")).hasToString("1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"duckdb", "postgres"})
    void anEmptyPrefixIsRefusedAndDropsNothing(String type) throws Exception {
        Path project = DevFixture.writeProject(tmp.resolve("project"));
        TargetDefinition target = DevFixture.devTarget(type, tmp);
        // the user's name alone is the schema: built here into the test's own, as public would be
        String user = token + "_plain";
        new Warehouse(DevFixture.request(project, target, user, "", BuildLog.SILENT)).build();

        assertThatThrownBy(() -> dropSchema(project, target, user, ""))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("empty warehouse.devSchemaPrefix")
                .satisfies(e -> assertThat(((WarehouseException) e).getHint()).contains("devSchemaPrefix"));
        try (TestDatabase db = DevFixture.open(type, tmp)) {
            assertThat(DevFixture.schemas(db, token)).containsExactly(user, user + "_marketing");
            assertThat(db.relations(user)).containsOnlyKeys("base");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"duckdb", "postgres"})
    void aRecordedSiblingThatIsAnotherUsersSchemaIsLeftAlone(String type) throws Exception {
        Path project = DevFixture.writeProject(tmp.resolve("project"));
        TargetDefinition target = DevFixture.devTarget(type, tmp);
        String bob = token + "_bob";
        String bobSmith = token + "_bob_smith";
        build(project, target, bobSmith);
        // bob's +schema: smith resolves to dbt_bob_smith, bob_smith's own dev schema
        ProjectFiles.write(project, "models/smith/nicknames.sql", "{{ config(schema='smith') }}select 'b' as nick\n");
        build(project, target, bob);

        DroppedEnvironment dropped = dropSchema(project, target, bob, "dbt_");

        assertThat(dropped.dropped()).containsExactly("dbt_" + bob + "_marketing", "dbt_" + bob);
        assertThat(dropped.kept()).singleElement().satisfies(k -> {
            assertThat(k.schema()).isEqualTo("dbt_" + bobSmith);
            assertThat(k.reason()).contains("another environment");
        });
        try (TestDatabase db = DevFixture.open(type, tmp)) {
            assertThat(DevFixture.schemas(db, "dbt_" + token)).containsExactly("dbt_" + bobSmith,
                    "dbt_" + bobSmith + "_marketing");
            assertThat(db.relations("dbt_" + bobSmith)).containsKey("base");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"duckdb", "postgres"})
    void aRecordedSchemaHoldingOthersRelationsIsLeftAlone(String type) throws Exception {
        Path project = DevFixture.writeProject(tmp.resolve("project"));
        // the common override: a custom schema is used as it is, shared by everyone who builds
        ProjectFiles.write(project, "macros/generate_schema_name.sql",
                "{% macro generate_schema_name(custom_schema_name, node) %}"
                        + "{{ custom_schema_name if custom_schema_name else target.schema }}{% endmacro %}\n");
        String shared = token + "_shared";
        ProjectFiles.write(project, "models/marketing/campaigns.sql",
                "{{ config(schema='" + shared + "') }}select id from {{ ref('base') }}\n");
        TargetDefinition target = DevFixture.devTarget(type, tmp);
        try (TestDatabase db = DevFixture.open(type, tmp)) {
            db.execute("create schema " + quote(shared));
            db.execute("create table " + quote(shared) + ".alices as select 5 as id");
        }
        String dave = token + "_dave";
        build(project, target, dave);

        DroppedEnvironment dropped = dropSchema(project, target, dave, "dbt_");

        assertThat(dropped.dropped()).containsExactly("dbt_" + dave);
        assertThat(dropped.kept()).singleElement().satisfies(k -> {
            assertThat(k.schema()).isEqualTo(shared);
            assertThat(k.reason()).contains("did not build").contains("alices");
        });
        try (TestDatabase db = DevFixture.open(type, tmp)) {
            assertThat(db.relations(shared)).containsOnlyKeys("alices", "campaigns");
        }
    }

    private static String quote(String identifier) {
        return new PostgresDialect().quote(identifier);
    }

    @org.junit.jupiter.api.Test
    void dropSchemaWaitsForABuildThatHoldsTheSchemaAndDropsNothingWhenItDoesNotEnd() throws Exception {
        Path project = DevFixture.writeProject(tmp.resolve("project"));
        TargetDefinition target = DevFixture.devTarget("postgres", tmp);
        String user = token + "_busy";
        build(project, target, user);
        String schema = "dbt_" + user;
        PostgresDialect dialect = new PostgresDialect();

        try (java.sql.Connection building = org.sqlwarehouse.testing.PostgresConnections.open()) {
            // another session holds the schema's lock, as a build into it does
            assertThat(dialect.lockSchema(building, schema, java.time.Duration.ZERO)).isTrue();

            assertThatThrownBy(() -> new Warehouse(DevFixture.request(project, target, user, "dbt_",
                    BuildLog.SILENT, 1)).dropSchema()).isInstanceOf(WarehouseException.class)
                    .hasMessageContaining(schema).hasMessageContaining("lock");

            try (TestDatabase db = TestDatabase.postgres()) {
                assertThat(DevFixture.schemas(db, schema)).contains(schema, schema + "_marketing");
                assertThat(db.relations(schema)).containsKey("base");
            }
            dialect.unlockSchema(building, schema);
        }
        DroppedEnvironment dropped = dropSchema(project, target, user, "dbt_");
        assertThat(dropped.dropped()).containsExactly(schema + "_marketing", schema);
    }
}
