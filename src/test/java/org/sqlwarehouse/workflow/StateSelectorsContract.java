package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.report.NodeResult;

/**
 * state: selectors: a dev environment (target {@code dev}, schema {@code <schema>_dev}) compares
 * with prod (protected, deployed, schema {@code <schema>}) in the same database. A node is modified
 * when the project changed (its SQL, a macro it calls, seed content, its config in
 * dbt_project.yml, something upstream), never because the two environments render differently
 * (schema names, target.name). Checked by what each build selects and by the state rows and
 * relations in the database.
 *
 * <p>The project: seed {@code base}; view {@code stg} over it with a branch on target.name; view
 * {@code calc} over stg calling macro {@code plus_one}; table {@code marts/summary} over calc;
 * view {@code other} naming its own schema, with a meta config rendered from target.schema.
 */
abstract class StateSelectorsContract extends DialectContract {
    private static final Set<String> ALL = Set.of("base", "stg", "calc", "summary", "other");

    private SafetyFixture.RecordingLog log;

    private String devSchema() {
        return schema + "_dev";
    }

    static Path writeProject(Path dir) throws IOException {
        SafetyFixture.write(dir, "dbt_project.yml", "name: statesel\n"
                + "models:\n  statesel:\n    +materialized: view\n"
                + "    other:\n      +meta:\n        built_for: \"{{ target.schema }}\"\n"
                + "    marts:\n      +materialized: table\n");
        SafetyFixture.write(dir, "seeds/base.csv", "id,ver\n1,a\n2,a\n");
        SafetyFixture.write(dir, "macros/helpers.sql", "{% macro plus_one(x) %}{{ x }} + 1{% endmacro %}\n"
                + "{% macro unused_helper() %}42{% endmacro %}\n");
        SafetyFixture.write(dir, "models/stg.sql", "select id, ver from {{ ref('base') }}"
                + "{% if target.name == 'prod' %} where id > 0{% endif %}\n");
        SafetyFixture.write(dir, "models/calc.sql", "select id, {{ plus_one('id') }} as next_id from {{ ref('stg') }}\n");
        SafetyFixture.write(dir, "models/marts/summary.sql", "select count(*) as n from {{ ref('calc') }}\n");
        SafetyFixture.write(dir, "models/other.sql", "select '{{ target.schema }}' as built_in\n");
        return dir;
    }

    private List<TargetDefinition> targets() {
        return List.of(targetOnDatabase("prod").schema(schema).protectedFlag(true).build(),
                targetOnDatabase("dev").schema(devSchema()).protectedFlag(false).build());
    }

    private WarehouseRequestBuilder request(Path project, String target) {
        log = new SafetyFixture.RecordingLog();
        return WarehouseRequest.builder().projectDirectory(project).fallbackName("statesel")
                .outputDirectory(project.resolve("target/warehouse")).declaredTargets(targets())
                .explicitTarget(target).explicitUser("state_tester").systemUserName("state_tester")
                .userHome(project.resolve("no-home")).lockTimeoutSeconds(30).projectVersion("1.0").log(log);
    }

    private void deployProd(Path project) throws WarehouseException {
        new Warehouse(request(project, "prod").build()).deploy();
    }

    private List<NodeResult> buildDev(Path project, String select) throws WarehouseException {
        return new Warehouse(request(project, "dev").select(select).state("prod").build()).build();
    }

    /** The names of the models, seeds and snapshots a dev build with the selection builds or leaves unchanged. */
    private Set<String> selected(Path project, String select) throws WarehouseException {
        Set<String> names = new TreeSet<>();
        for (NodeResult r : buildDev(project, select)) {
            if (!r.resourceType().equals("test")) {
                names.add(r.uniqueId().substring(r.uniqueId().lastIndexOf('.') + 1));
            }
        }
        return names;
    }

    /** Both environments built from the same checkout: prod deployed, dev built in place. */
    private Path bothEnvironments() throws Exception {
        Path project = writeProject(tmp.resolve("project"));
        deployProd(project);
        buildDev(project, null);
        return project;
    }

    /** relation_name: column of the state rows of a schema. */
    private Map<String, String> stateColumn(String stateSchema, String column) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        for (Map<String, Object> row : db.rows("select relation_name, " + column + " from \"" + stateSchema
                + "\"._warehouse_relations where pruned_by is null")) {
            out.put(String.valueOf(row.get("relation_name")), String.valueOf(row.get(column)));
        }
        return out;
    }

    @Test
    void anUnchangedCheckoutSelectsNothingModifiedThoughSchemasAndTargetNameRenderDifferently() throws Exception {
        Path project = bothEnvironments();
        // the environments did render differently: their environment fingerprints differ
        assertThat(stateColumn(devSchema(), "sql_hash").get("stg")).isNotEqualTo(stateColumn(schema, "sql_hash").get("stg"));
        assertThat(stateColumn(devSchema(), "config_hash").get("other"))
                .isNotEqualTo(stateColumn(schema, "config_hash").get("other"));
        // while their project fingerprints, recorded on build and deploy, are equal
        assertThat(stateColumn(schema, "project_fingerprint")).hasSize(5).doesNotContainValue("null")
                .isEqualTo(stateColumn(devSchema(), "project_fingerprint"));

        assertThat(selected(project, "state:modified")).isEmpty();
        assertThat(selected(project, "state:modified+")).isEmpty();
        assertThat(selected(project, "state:new")).isEmpty();
        assertThat(selected(project, "state:unmodified")).isEqualTo(ALL);
        assertThat(selected(project, "state:old")).isEqualTo(ALL);
        assertThat(db.value("select count(*) from \"" + devSchema() + "\".\"other\" where built_in = '"
                + devSchema() + "'").toString()).isEqualTo("1");
    }

    @Test
    void aChangedModelIsModifiedAndThePlusAddsItsDownstream() throws Exception {
        Path project = bothEnvironments();
        SafetyFixture.write(project, "models/calc.sql",
                "select id, {{ plus_one('id') }} as next_id, 'v2' as version from {{ ref('stg') }}\n");

        // downstream of a change is modified too: its upstream's fingerprint is part of its own (DESIGN 10)
        assertThat(selected(project, "state:modified")).containsExactly("calc", "summary");
        assertThat(db.value("select min(version) from \"" + devSchema() + "\".\"calc\"").toString()).isEqualTo("v2");
        assertThat(selected(project, "state:modified+")).containsExactly("calc", "summary");
        assertThat(selected(project, "1+state:modified")).containsExactly("calc", "stg", "summary");
        assertThat(selected(project, "state:modified,config.materialized:view")).containsExactly("calc");
        assertThat(selected(project, "state:unmodified")).containsExactly("base", "other", "stg");
    }

    @Test
    void aChangedMacroSelectsTheModelsThatCallIt() throws Exception {
        Path project = bothEnvironments();
        SafetyFixture.write(project, "macros/helpers.sql", "{% macro plus_one(x) %}({{ x }}) + 1{% endmacro %}\n"
                + "{% macro unused_helper() %}42{% endmacro %}\n");
        assertThat(selected(project, "state:modified")).containsExactly("calc", "summary");
        assertThat(selected(project, "state:modified,calc")).containsExactly("calc");
        assertThat(db.value("select min(next_id) from \"" + devSchema() + "\".\"calc\"").toString()).isEqualTo("2");

        // a macro no node calls changes nothing
        Path other = tmp.resolve("other-checkout");
        writeProject(other);
        SafetyFixture.write(other, "macros/helpers.sql", "{% macro plus_one(x) %}{{ x }} + 1{% endmacro %}\n"
                + "{% macro unused_helper() %}43{% endmacro %}\n");
        assertThat(selected(other, "state:modified")).isEmpty();
    }

    @Test
    void aChangedSeedFileSelectsTheSeed() throws Exception {
        Path project = bothEnvironments();
        SafetyFixture.write(project, "seeds/base.csv", "id,ver\n1,a\n2,a\n3,b\n");
        assertThat(selected(project, "state:modified")).containsExactly("base", "calc", "stg", "summary");
        assertThat(selected(project, "state:unmodified")).containsExactly("other");
        assertThat(db.count("\"" + devSchema() + "\".\"base\"")).isEqualTo(3);
    }

    @Test
    void aChangedConfigInDbtProjectYmlSelectsTheNodesUnderIt() throws Exception {
        Path project = bothEnvironments();
        SafetyFixture.write(project, "dbt_project.yml", "name: statesel\n"
                + "models:\n  statesel:\n    +materialized: view\n"
                + "    other:\n      +meta:\n        built_for: \"{{ target.schema }}\"\n"
                + "    marts:\n      +materialized: view\n");
        assertThat(selected(project, "state:modified")).containsExactly("summary");
        assertThat(db.relations(devSchema())).containsEntry("summary", "VIEW");
    }

    @Test
    void aChangedVarInDbtProjectYmlSelectsTheModelsThatReadIt() throws Exception {
        Path project = writeProject(tmp.resolve("project"));
        SafetyFixture.write(project, "models/limited.sql", "select id from {{ ref('stg') }} where id <= {{ var('max_id') }}\n");
        SafetyFixture.write(project, "dbt_project.yml", "name: statesel\nvars:\n  max_id: 1\n"
                + "models:\n  statesel:\n    +materialized: view\n"
                + "    other:\n      +meta:\n        built_for: \"{{ target.schema }}\"\n"
                + "    marts:\n      +materialized: table\n");
        deployProd(project);
        buildDev(project, null);
        assertThat(selected(project, "state:modified")).isEmpty();

        SafetyFixture.write(project, "dbt_project.yml", "name: statesel\nvars:\n  max_id: 2\n"
                + "models:\n  statesel:\n    +materialized: view\n"
                + "    other:\n      +meta:\n        built_for: \"{{ target.schema }}\"\n"
                + "    marts:\n      +materialized: table\n");
        assertThat(selected(project, "state:modified")).containsExactly("limited");
        assertThat(db.count("\"" + devSchema() + "\".\"limited\"")).isEqualTo(2);
    }

    @Test
    void aNewModelIsNewAndNotModified() throws Exception {
        Path project = bothEnvironments();
        SafetyFixture.write(project, "models/fresh.sql", "select id from {{ ref('stg') }}\n");
        assertThat(selected(project, "state:new")).containsExactly("fresh");
        assertThat(db.relations(devSchema())).containsKey("fresh");
        assertThat(selected(project, "state:modified")).isEmpty();
        assertThat(selected(project, "state:old")).isEqualTo(ALL);
    }

    @Test
    void aChangeOnlyTheOtherEnvironmentRendersIsRecordedOnItsNextDeployAsUnmodified() throws Exception {
        Path project = bothEnvironments();
        // dev renders the change, prod does not: prod's relation is unchanged and not rebuilt, yet its
        // row takes the project's new fingerprint
        SafetyFixture.write(project, "models/stg.sql", "select id, ver from {{ ref('base') }}"
                + "{% if target.name == 'prod' %} where id > 0{% else %} where id > -1{% endif %}\n");
        buildDev(project, null);
        assertThat(selected(project, "state:modified")).containsExactly("calc", "stg", "summary");
        String before = stateColumn(schema, "fingerprint").get("stg");
        deployProd(project);
        assertThat(stateColumn(schema, "fingerprint").get("stg")).as("prod's relation left unchanged").isEqualTo(before);
        assertThat(selected(project, "state:modified")).isEmpty();
    }

    @Test
    void rowsRecordedBeforeProjectFingerprintsCountAsModifiedWithOneWarning() throws Exception {
        Path project = bothEnvironments();
        db.execute("update \"" + schema + "\"._warehouse_relations set project_fingerprint = null");
        assertThat(selected(project, "state:modified")).isEqualTo(ALL);
        assertThat(log.lines()).filteredOn(l -> l.startsWith("[WARN]") && l.contains("before project fingerprints"))
                .hasSize(1);
    }

    @Test
    void withoutWarehouseStateTheDeferTargetIsComparedAndWithNeitherAStateSelectorIsRefused() throws Exception {
        Path project = bothEnvironments();
        SafetyFixture.write(project, "models/calc.sql", "select id, 2 as next_id from {{ ref('stg') }}\n");
        List<NodeResult> deferred = new Warehouse(request(project, "dev").select("state:modified")
                .defer("prod").build()).build();
        assertThat(deferred).extracting(NodeResult::uniqueId).containsExactly("model.statesel.calc",
                "model.statesel.summary");

        assertThatThrownBy(() -> new Warehouse(request(project, "dev").select("state:modified").build()).build())
                .isInstanceOf(WarehouseException.class).hasMessageContaining("warehouse.state is not set")
                .satisfies(e -> assertThat(((WarehouseException) e).getHint()).contains("-Dwarehouse.state=prod"));
        assertThatThrownBy(() -> new Warehouse(request(project, "dev").select("state:modified").state("nope")
                .build()).build()).isInstanceOf(WarehouseException.class).hasMessageContaining("warehouse.state=nope");
    }

    @Test
    void unitTestsFollowTheStateOfTheirModels() throws Exception {
        Path project = bothEnvironments();
        SafetyFixture.write(project, "models/calc.yml", "unit_tests:\n"
                + "  - name: calc_adds_one\n    model: calc\n    given:\n"
                + "      - input: ref('stg')\n        rows:\n          - {id: 1, ver: a}\n"
                + "    expect:\n      rows:\n        - {id: 1, next_id: 2}\n");
        assertThat(unitTests(project, "state:modified")).as("a property file changes no model").isEmpty();
        SafetyFixture.write(project, "models/calc.sql", "select id, {{ plus_one('id') }} as next_id from {{ ref('stg') }}"
                + " where id is not null\n");
        assertThat(unitTests(project, "state:modified")).containsExactly("unit_test.statesel.calc.calc_adds_one");
    }

    private List<String> unitTests(Path project, String select) throws WarehouseException {
        return new Warehouse(request(project, "dev").select(select).state("prod").build()).unitTest(null).stream()
                .map(NodeResult::uniqueId).toList();
    }
}
