package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.engine.BuildFailedException;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.report.NodeResult;
import org.sqlwarehouse.report.NodeStatus;
import org.sqlwarehouse.state.PlannedChange;

/**
 * Templates that ask the database, as dbt packages do (dbt_utils.star, get_column_values,
 * equality): such a node renders when it is built, with a connection, after what it reads was
 * built; a compile stays without a database. Checked in the database: the columns and rows of
 * what was built, on every dialect.
 *
 * <p>The project {@code asks}: a seed {@code people} (id, name, secret; 3 rows); a macro
 * {@code columns_except} over {@code adapter.get_columns_in_relation}; views {@code people_public}
 * (its columns but secret), {@code names} (run_query), {@code counted} (statement and load_result),
 * {@code lookups} (adapter.get_relation, load_relation, the relation as a mapping) and a plain
 * {@code plain} that asks nothing.
 */
abstract class DatabaseMacrosContract extends DialectContract {
    private SafetyFixture.RecordingLog log;

    private Path writeProject() throws IOException {
        Path dir = tmp.resolve("asks");
        SafetyFixture.write(dir, "dbt_project.yml", "name: asks\nmodels:\n  asks:\n    +materialized: view\n");
        SafetyFixture.write(dir, "seeds/people.csv", "id,name,secret\n1,ann,x\n2,bob,y\n3,cy,z\n");
        SafetyFixture.write(dir, "macros/columns_except.sql", """
                {% macro columns_except(relation, excluded) -%}
                  {%- if not execute -%}{{ return('*') }}{%- endif -%}
                  {%- set names = [] -%}
                  {%- for column in adapter.get_columns_in_relation(relation) -%}
                    {%- if column.name | lower not in excluded -%}{%- do names.append(column.quoted) -%}{%- endif -%}
                  {%- endfor -%}
                  {{ return(names | join(', ')) }}
                {%- endmacro %}
                """);
        SafetyFixture.write(dir, "models/people_public.sql",
                "select {{ columns_except(ref('people'), ['secret']) }} from {{ ref('people') }}\n");
        SafetyFixture.write(dir, "models/names.sql", """
                {%- set result = run_query("select name from " ~ ref('people') ~ " order by id") -%}
                {%- set names = result.columns[0].values() if execute else ['none'] -%}
                select '{{ names | join("+") }}' as joined, {{ result.rows | length if execute else 0 }} as n
                """);
        SafetyFixture.write(dir, "models/counted.sql", """
                {%- call statement('people_count', fetch_result=True) -%}
                  select count(*) as n from {{ ref('people') }}
                {%- endcall -%}
                {%- set stored = load_result('people_count') -%}
                select {{ stored['data'][0][0] if stored else -1 }} as n
                """);
        SafetyFixture.write(dir, "models/lookups.sql", """
                {%- set missing = adapter.get_relation(this.database, this.schema, 'no_such_relation') -%}
                {%- set found = load_relation(ref('people')) -%}
                {%- set people = ref('people') -%}
                select '{{ 'missing' if missing is none else 'found' }}' as missing,
                       '{{ found.type if found is not none else 'none' }}' as found_type,
                       '{{ people is mapping and people.get('metadata', {}).get('type', '').endswith('Relation') }}'
                           as is_relation
                """);
        SafetyFixture.write(dir, "models/plain.sql", "select id from {{ ref('people') }}\n");
        return dir;
    }

    private Warehouse warehouse(Path project, boolean isProtected) {
        log = new SafetyFixture.RecordingLog();
        TargetDefinition target = target(isProtected);
        return new Warehouse(WarehouseRequest.builder().projectDirectory(project).fallbackName("asks")
                .outputDirectory(project.resolve("target/warehouse")).declaredTargets(List.of(target))
                .explicitTarget(target.name()).explicitUser("asks_tester").systemUserName("asks_tester")
                .userHome(project.resolve("no-home")).lockTimeoutSeconds(30).projectVersion("1.0").log(log).build());
    }

    private String q(String relation) {
        return "\"" + schema + "\".\"" + relation + "\"";
    }

    private static Map<String, NodeResult> byName(List<NodeResult> results) {
        return results.stream().collect(Collectors.toMap(r -> r.uniqueId().substring(r.uniqueId().lastIndexOf('.') + 1),
                Function.identity(), (a, b) -> a));
    }

    @Test
    void aBuildRendersWhatAsksTheDatabaseWhenItIsBuilt() throws Exception {
        Path project = writeProject();
        List<NodeResult> results = warehouse(project, false).build();

        assertThat(results).allMatch(r -> r.status() == NodeStatus.SUCCESS, "every node built");
        assertThat(db.columns(schema, "people_public").keySet()).containsExactly("id", "name");
        assertThat(db.rows("select joined, n from " + q("names")))
                .containsExactly(Map.of("joined", "ann+bob+cy", "n", 3));
        assertThat(((Number) db.value("select n from " + q("counted"))).longValue()).isEqualTo(3);
        assertThat(db.rows("select missing, found_type, is_relation from " + q("lookups")))
                .containsExactly(Map.of("missing", "missing", "found_type", "table", "is_relation", "True"));
        // compiled/ shows what ran, not the compile's render without a database
        String compiled = Files.readString(project.resolve(
                "target/warehouse/compiled/asks/models/people_public.sql"));
        assertThat(compiled).contains("\"id\", \"name\"").doesNotContain("secret").doesNotContain("*");
        assertThat(log.lines()).anyMatch(l -> l.contains("4 nodes ask the database while rendering")
                && l.contains("counted, lookups, names, people_public"));
    }

    @Test
    void aCompileNeedsNoDatabaseAndRendersThemAsDbtParses() throws Exception {
        Path project = writeProject();
        warehouse(project, false).compile();

        Path compiled = project.resolve("target/warehouse/compiled/asks/models");
        // execute is false there: the macro's own answer without a database
        assertThat(Files.readString(compiled.resolve("people_public.sql"))).contains("select * from");
        assertThat(Files.readString(compiled.resolve("names.sql"))).contains("'none' as joined, 0 as n");
        assertThat(Files.readString(compiled.resolve("counted.sql"))).contains("select -1 as n");
        assertThat(db.relations(schema)).isEmpty();
    }

    @Test
    void theyAreRebuiltEveryTimeAndThePlanSaysWhy() throws Exception {
        Path project = writeProject();
        warehouse(project, false).build();
        db.execute("insert into " + q("people") + " values (4, 'dee', 'w')");

        List<PlannedChange> plan = warehouse(project, false).plan();
        Map<String, PlannedChange> byName = plan.stream().collect(Collectors.toMap(PlannedChange::name,
                Function.identity()));
        assertThat(byName.get("names").action()).isEqualTo(PlannedChange.Action.REPLACE);
        assertThat(byName.get("names").reason()).startsWith("rendered when built: it asks the database");
        assertThat(byName.get("plain").action()).isEqualTo(PlannedChange.Action.UNCHANGED);

        warehouse(project, false).build();
        // rendered again: the seed was left alone, the query saw the fourth row
        assertThat(db.rows("select joined, n from " + q("names")))
                .containsExactly(Map.of("joined", "ann+bob+cy+dee", "n", 4));
    }

    @Test
    void aDeployRendersTheLiveViewsOverTheLiveRelations() throws Exception {
        Path project = writeProject();
        warehouse(project, true).deploy();

        assertThat(db.columns(schema, "people_public").keySet()).containsExactly("id", "name");
        assertThat(db.count(q("people_public"))).isEqualTo(3);
        assertThat(db.rows("select joined from " + q("names"))).containsExactly(Map.of("joined", "ann+bob+cy"));
        assertThat(db.relations(schema).keySet()).noneMatch(name -> name.contains("__wh_"));
    }

    @Test
    void aTemplateErrorAtBuildTimeNamesTheMacroAndFailsOnlyThatNode() throws Exception {
        Path project = writeProject();
        SafetyFixture.write(project, "models/broken.sql",
                "{% set r = run_query('select no_such_column from ' ~ ref('people')) %}select 1 as x\n");
        assertThatThrownBy(() -> warehouse(project, false).build()).isInstanceOf(BuildFailedException.class)
                .satisfies(e -> {
                    List<NodeResult> results = ((BuildFailedException) e).results();
                    NodeResult broken = byName(results).get("broken");
                    assertThat(broken.status()).isEqualTo(NodeStatus.ERROR);
                    assertThat(broken.message()).contains("models/broken.sql line 1: in macro run_query")
                            .contains("Database Error").contains("no_such_column");
                    assertThat(results).filteredOn(r -> r.status() == NodeStatus.SUCCESS).hasSize(6);
                });
    }

    @Test
    void aTemplateErrorFoundWithoutTheDatabaseFailsTheCompile() throws Exception {
        Path project = writeProject();
        SafetyFixture.write(project, "models/broken.sql", "select {{ columns_except('people', []) }} as x\n");
        assertThatThrownBy(() -> warehouse(project, false).build())
                .hasMessageContaining("models/broken.sql line 1: in macro columns_except (macros/columns_except.sql "
                        + "line 4): expected a relation (ref(), source(), this or api.Relation.create()), got 'people'");
        assertThat(db.relations(schema)).isEmpty();
    }

    /** A ref that only the render with the database reaches must be declared, as in dbt. */
    @Test
    void aRefFirstSeenWhenBuiltIsRefusedWithTheHintDbtGives() throws Exception {
        Path project = writeProject();
        SafetyFixture.write(project, "models/late.sql", """
                {%- set rows = run_query('select 1') -%}
                select * from {{ ref('plain') if execute and rows is not none else ref('people') }}
                """);
        BuildFailedException failed = (BuildFailedException) org.assertj.core.api.Assertions.catchThrowable(
                () -> warehouse(project, false).build());
        assertThat(byName(failed.results()).get("late").message())
                .contains("ref('plain') was not found when the project was compiled")
                .contains("-- depends_on: {{ ref('plain') }}");
    }
}
