package org.sqlwarehouse.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.DuckDbDialect;
import org.sqlwarehouse.project.DbtProject;
import org.sqlwarehouse.project.ProjectLoader;
import org.sqlwarehouse.project.ResourceType;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.ProjectFiles;

class ProjectCompilerTest {
    @TempDir
    Path dir;

    private ResolvedTarget target;

    @BeforeEach
    void setUp() throws Exception {
        target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type("duckdb").path("x.duckdb").build(),
                "dbt_", "alice", null);
        write("dbt_project.yml", "name: shop\n");
    }

    private void write(String relative, String content) throws IOException {
        ProjectFiles.write(dir, relative, content);
    }

    private CompiledProject compile() throws WarehouseException {
        return compile(Map.of(), Map.of());
    }

    private CompiledProject compile(Map<String, Object> cliVars, Map<String, String> env) throws WarehouseException {
        DbtProject project = ProjectLoader.load(dir, "fallback");
        return new ProjectCompiler().compile(project, new CompileSettings(target, new DuckDbDialect(), cliVars, env));
    }

    private static CompiledNode model(CompiledProject project, String name) {
        CompiledNode node = project.nodes().get("model.shop." + name);
        assertThat(node).as("model %s", name).isNotNull();
        return node;
    }

    private String sqlOf(String modelName, String template) throws WarehouseException, IOException {
        write("models/" + modelName + ".sql", template);
        return model(compile(), modelName).compiledSql();
    }

    private CompileException compileFails() {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(this::compile);
        assertThat(thrown).isInstanceOf(CompileException.class);
        return (CompileException) thrown;
    }

    // ---- ref, this, relations ----

    @Test
    void refToModelAndSeedRendersQuotedRelationsAndRecordsDependencies() throws Exception {
        write("models/x.sql", "select 1 as id");
        write("seeds/countries.csv", "code,name\nNL,Netherlands\n");
        write("models/report.sql", "select * from {{ ref('x') }} join {{ ref('countries') }} using (id)\n"
                + "union all select * from {{ ref('x') }}");
        CompiledProject project = compile();

        CompiledNode report = model(project, "report");
        assertThat(report.compiledSql()).isEqualTo(
                "select * from \"dbt_alice\".\"x\" join \"dbt_alice\".\"countries\" using (id)\n"
                        + "union all select * from \"dbt_alice\".\"x\"");
        assertThat(report.dependsOn()).containsExactly("model.shop.x", "seed.shop.countries");
        assertThat(report.resourceType()).isEqualTo(ResourceType.MODEL);
        assertThat(report.materialized()).isEqualTo("view");
        assertThat(report.relation().toString()).isEqualTo("\"dbt_alice\".\"report\"");
        assertThat(report.relation().unquoted()).isEqualTo("dbt_alice.report");
        assertThat(report.originalFilePath()).isEqualTo("models/report.sql");
        assertThat(report.fqn()).containsExactly("shop", "report");

        CompiledNode seed = project.nodes().get("seed.shop.countries");
        assertThat(seed.resourceType()).isEqualTo(ResourceType.SEED);
        assertThat(seed.materialized()).isEqualTo("seed");
        assertThat(seed.compiledSql()).isNull();
        assertThat(seed.relation().toString()).isEqualTo("\"dbt_alice\".\"countries\"");
        assertThat(seed.seed()).isNotNull();

        assertThat(project.name()).isEqualTo("shop");
        assertThat(project.dag().upstream("model.shop.report"))
                .containsExactlyInAnyOrder("model.shop.x", "seed.shop.countries");
        assertThat(project.dag().downstream("model.shop.x")).containsExactly("model.shop.report");
        assertThat(model(project, "x").dependsOn()).isEmpty();
    }

    @Test
    void twoArgumentRefNamesTheModelLast() throws Exception {
        write("models/x.sql", "select 1");
        assertThat(sqlOf("y", "select * from {{ ref('shop', 'x') }}"))
                .isEqualTo("select * from \"dbt_alice\".\"x\"");
    }

    @Test
    void refAttributes() throws Exception {
        write("models/x.sql", "select 1");
        assertThat(sqlOf("y", "{{ ref('x').schema }}|{{ ref('x').identifier }}|{{ ref('x').name }}"))
                .isEqualTo("dbt_alice|x|x");
    }

    @Test
    void thisIsTheModelsOwnRelation() throws Exception {
        assertThat(sqlOf("orders", "select '{{ this }}' as me, '{{ this.schema }}' as s, '{{ this.identifier }}' as i"))
                .isEqualTo("select '\"dbt_alice\".\"orders\"' as me, 'dbt_alice' as s, 'orders' as i");
    }

    // ---- var ----

    @Test
    void varFromProjectDefaults() throws Exception {
        write("dbt_project.yml", """
                name: shop
                vars:
                  start_date: '2020-01-01'
                  shop:
                    limit: 5
                """);
        assertThat(sqlOf("m", "select '{{ var('start_date') }}' as d limit {{ var('limit') }}"))
                .isEqualTo("select '2020-01-01' as d limit 5");
    }

    @Test
    void cliVarOverridesProjectVar() throws Exception {
        write("dbt_project.yml", """
                name: shop
                vars:
                  start_date: '2020-01-01'
                """);
        write("models/m.sql", "select '{{ var('start_date') }}' as d");
        assertThat(model(compile(Map.of("start_date", "2024-06-30"), Map.of()), "m").compiledSql())
                .isEqualTo("select '2024-06-30' as d");
    }

    @Test
    void varDefaultArgumentIsUsedOnlyWhenTheVarIsNotSet() throws Exception {
        write("dbt_project.yml", """
                name: shop
                vars:
                  set_one: from_project
                """);
        assertThat(sqlOf("m", "{{ var('unset_one', 'fallback') }} {{ var('set_one', 'fallback') }} {{ var('n', 3) + 1 }}"))
                .isEqualTo("fallback from_project 4");
    }

    @Test
    void missingVarIsACompileErrorNamingFileAndLine() throws Exception {
        write("models/staging/m.sql", "select 1\nwhere x = '{{ var('missing_var') }}'");
        CompileException e = compileFails();
        assertThat(e.getMessage())
                .contains("models/staging/m.sql line 2")
                .contains("'missing_var'");
        assertThat(e.problems()).hasSize(1);
    }

    // ---- env_var ----

    @Test
    void envVarWithAndWithoutDefault() throws Exception {
        write("models/m.sql", "select '{{ env_var('WH_REGION') }}' as r, '{{ env_var('WH_ABSENT', 'eu') }}' as a, "
                + "'{{ env_var('WH_REGION', 'ignored') }}' as b");
        assertThat(model(compile(Map.of(), Map.of("WH_REGION", "us-east")), "m").compiledSql())
                .isEqualTo("select 'us-east' as r, 'eu' as a, 'us-east' as b");
    }

    @Test
    void missingEnvVarWithoutDefaultIsACompileError() throws Exception {
        write("models/m.sql", "select\n1,\n'{{ env_var('WH_ABSENT') }}'");
        CompileException e = compileFails();
        assertThat(e.getMessage()).contains("models/m.sql line 3").contains("WH_ABSENT");
    }

    // ---- config() and the second pass ----

    @Test
    void inFileConfigChangesMaterializationRelationAndOtherModelsRefs() throws Exception {
        // a_before is rendered before x and c_after after it: both must see x's alias.
        write("models/a_before.sql", "select * from {{ ref('x') }}");
        write("models/x.sql", "{{ config(materialized='table', alias='y') }}select 1 as id from {{ this }}");
        write("models/c_after.sql", "select * from {{ ref('x') }}");
        CompiledProject project = compile();

        CompiledNode x = model(project, "x");
        assertThat(x.materialized()).isEqualTo("table");
        assertThat(x.relation().toString()).isEqualTo("\"dbt_alice\".\"y\"");
        assertThat(x.relation().getIdentifier()).isEqualTo("y");
        assertThat(x.config()).containsEntry("materialized", "table").containsEntry("alias", "y");
        assertThat(x.compiledSql()).isEqualTo("select 1 as id from \"dbt_alice\".\"y\"");
        assertThat(x.uniqueId()).isEqualTo("model.shop.x");

        assertThat(model(project, "a_before").compiledSql()).isEqualTo("select * from \"dbt_alice\".\"y\"");
        assertThat(model(project, "c_after").compiledSql()).isEqualTo("select * from \"dbt_alice\".\"y\"");
        assertThat(model(project, "a_before").dependsOn()).containsExactly("model.shop.x");
    }

    @Test
    void inFileConfigWinsOverProjectConfig() throws Exception {
        write("dbt_project.yml", """
                name: shop
                models:
                  shop:
                    +materialized: table
                    +tags: [nightly]
                """);
        write("models/m.sql", "{{ config(materialized='view', tags=['pii']) }}select 1");
        CompiledNode m = model(compile(), "m");
        assertThat(m.materialized()).isEqualTo("view");
        assertThat(m.config().get("tags")).isEqualTo(List.of("nightly", "pii"));
        assertThat(m.compiledSql()).isEqualTo("select 1");
    }

    @Test
    void customSchemaIsAppendedToTheTargetSchema() throws Exception {
        write("dbt_project.yml", """
                name: shop
                models:
                  shop:
                    marketing:
                      +schema: marketing
                """);
        write("models/marketing/campaigns.sql", "select 1");
        write("models/finance/revenue.sql", "{{ config(schema='finance') }}select * from {{ ref('campaigns') }}");
        write("models/plain.sql", "select * from {{ ref('revenue') }}");
        CompiledProject project = compile();
        assertThat(model(project, "campaigns").relation().toString())
                .isEqualTo("\"dbt_alice_marketing\".\"campaigns\"");
        assertThat(model(project, "campaigns").relation().getSchema()).isEqualTo("dbt_alice_marketing");
        assertThat(model(project, "revenue").relation().toString()).isEqualTo("\"dbt_alice_finance\".\"revenue\"");
        assertThat(model(project, "revenue").compiledSql())
                .isEqualTo("select * from \"dbt_alice_marketing\".\"campaigns\"");
        assertThat(model(project, "plain").compiledSql()).isEqualTo("select * from \"dbt_alice_finance\".\"revenue\"");
        assertThat(model(project, "plain").relation().getSchema()).isEqualTo("dbt_alice");
    }

    @Test
    void seedSchemaAndAliasFromProjectConfig() throws Exception {
        write("dbt_project.yml", """
                name: shop
                seeds:
                  shop:
                    +schema: raw
                    countries:
                      +alias: country_codes
                """);
        write("seeds/countries.csv", "code\nNL\n");
        write("models/m.sql", "select * from {{ ref('countries') }}");
        CompiledProject project = compile();
        assertThat(project.nodes().get("seed.shop.countries").relation().toString())
                .isEqualTo("\"dbt_alice_raw\".\"country_codes\"");
        assertThat(model(project, "m").compiledSql()).isEqualTo("select * from \"dbt_alice_raw\".\"country_codes\"");
    }

    @Test
    void hostileAliasStaysInsideItsQuotedIdentifier() throws Exception {
        write("models/x.sql", "{{ config(alias='a\"; drop table t; --') }}select 1");
        CompiledNode x = model(compile(), "x");
        assertThat(x.relation().toString()).isEqualTo("\"dbt_alice\".\"a\"\"; drop table t; --\"");
    }

    // ---- Jinja as Jinja2 renders it ----

    @Test
    void setAndForLoopRenderAsJinja2() throws Exception {
        String template = """
                {% set cols = ['id', 'name', 'amount'] %}
                select
                {%- for c in cols %}
                    {{ c }}{% if not loop.last %},{% endif %}
                {%- endfor %}
                from t
                """;
        // Expected output produced by Jinja2 3.1 (then stripped as the compiler does).
        assertThat(sqlOf("m", template)).isEqualTo("select\n    id,\n    name,\n    amount\nfrom t");
    }

    @Test
    void commentsRenderAsNothing() throws Exception {
        String template = """
                {# a comment
                spanning lines #}select 1 as a {# inline #}, 2 as b
                {{ 'x' }}{# c #}
                , 3 as c
                """;
        // Jinja2 3.1: "select 1 as a , 2 as b\nx\n, 3 as c"
        assertThat(sqlOf("m", template)).isEqualTo("select 1 as a , 2 as b\nx\n, 3 as c");
    }

    @Test
    void whitespaceControlOnCommentsTrimsAsJinja2() throws Exception {
        // Jinja2 3.1 renders "a\n{#- c -#}\nb" as "ab"; the compiler gives "a\n\nb".
        assertThat(sqlOf("m", "a\n{#- c -#}\nb")).isEqualTo("ab");
    }

    @Test
    void whitespaceControlTrimsExactlyAsJinja2() throws Exception {
        String template = """
                select
                    {%- if true %}
                    1 as x
                    {%- endif %}
                    {%- set y = 2 -%}
                    , {{ y }} as y
                """;
        assertThat(sqlOf("m", template)).isEqualTo("select\n    1 as x, 2 as y");
    }

    @Test
    void withoutWhitespaceControlBlocksLeaveTheirLines() throws Exception {
        String template = """
                select
                    {% if true %}
                    1 as x
                    {% endif %}
                    {% set y = 2 %}
                    , {{ y }} as y
                """;
        assertThat(sqlOf("m", template)).isEqualTo("select\n    \n    1 as x\n    \n    \n    , 2 as y");
    }

    @Test
    void loopOverDictItemsAndStringFilters() throws Exception {
        String template = "{% set m = {'a': 1, 'b': 2} %}"
                + "{% for k, v in m.items() %}{{ k | upper }}={{ v }}{% if not loop.last %}, {% endif %}{% endfor %}";
        assertThat(sqlOf("m", template)).isEqualTo("A=1, B=2");
    }

    @Test
    void arithmeticAndFiltersRenderAsJinja2() throws Exception {
        assertThat(sqlOf("m", "{{ 10 / 4 }}|{{ 2 ** 3 }}|{{ 7 // 2 }}|{{ 7 % 3 }}|{{ [1, 2] | join(',') }}"))
                .isEqualTo("2.5|8|3|1|1,2");
    }

    @Test
    void whitespaceControlOnBothSides() throws Exception {
        assertThat(sqlOf("m", "{%- set x = 1 -%}\n  select {{ x }}")).isEqualTo("select 1");
        assertThat(sqlOf("m", "{% for c in ['a', 'b'] -%}\n{{ c }}\n{%- endfor %}")).isEqualTo("ab");
        assertThat(sqlOf("m", "x  {%- if true -%}  a  {%- endif -%}  y")).isEqualTo("xay");
    }

    @Test
    void macroDefinedInTheModel() throws Exception {
        assertThat(sqlOf("m", "{% macro cents(c) %}({{ c }} / 100.0){% endmacro %}select {{ cents('amount') }}"))
                .isEqualTo("select (amount / 100.0)");
    }

    // ---- target ----

    @Test
    void targetNameSchemaAndType() throws Exception {
        assertThat(sqlOf("m", "{{ target.name }} {{ target.schema }} {{ target.type }} {{ target.threads }}"))
                .isEqualTo("dev dbt_alice duckdb 4");
    }

    @Test
    void targetNeverExposesThePassword() throws Exception {
        target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type("duckdb").path("x.duckdb")
                .user("bob").password("s3cr3t").build(), "dbt_", "alice", null);
        assertThat(sqlOf("m", "{{ target.user }}|{{ target.password | default('hidden') }}"))
                .isEqualTo("bob|hidden");
    }

    // ---- undefined names: Jinja2's default Undefined, as dbt uses it ----

    @Test
    void printingAnUndefinedVariableRendersNothingAsInJinja2() throws Exception {
        assertThat(sqlOf("m", "select\n  1 as a,\n  '{{ no_such_thing }}' as b")).isEqualTo("select\n  1 as a,\n  '' as b");
    }

    @Test
    void usingAnUndefinedVariableIsACompileErrorNamingFileAndLine() throws Exception {
        write("models/marts/m.sql", "select\n  1 as a,\n  {{ no_such_thing + 1 }} as b");
        CompileException e = compileFails();
        assertThat(e.getMessage()).contains("models/marts/m.sql line 3").contains("no_such_thing");
    }

    @Test
    void definedTestAndDefaultFilterDoNotFail() throws Exception {
        String template = "{% if not_set is defined %}yes{% else %}no{% endif %} "
                + "{% if not_set is undefined %}undef{% endif %} "
                + "{{ not_set | default('d') }} {{ other_unset | d('e') }}";
        assertThat(sqlOf("m", template)).isEqualTo("no undef d e");
    }

    @Test
    void definedTestOnASetVariable() throws Exception {
        assertThat(sqlOf("m", "{% set v = 1 %}{% if v is defined %}yes{% endif %} {{ v | default(9) }}"))
                .isEqualTo("yes 1");
    }

    @Test
    void anUndefinedNameIsReportedWithTheLineWhereItIsUsed() throws Exception {
        write("models/m.sql", "line1\n{{ first_unknown }}\n{{ second_unknown.attr }}");
        CompileException e = compileFails();
        assertThat(e.problems()).containsExactly("models/m.sql line 3: 'second_unknown' is undefined");
    }

    @Test
    void undefinedNameInAConditionIsFalseAsInJinja2() throws Exception {
        assertThat(sqlOf("m", "{% if flag_unknown %}a{% else %}b{% endif %}")).isEqualTo("b");
    }

    @Test
    void defaultFilterReplacesAnUndefinedName() throws Exception {
        assertThat(sqlOf("m", "[{{ u_before }}][{{ u_filtered | default('d') }}]")).isEqualTo("[][d]");
    }

    @Test
    void definedTestGuardsAttributeAccess() throws Exception {
        assertThat(sqlOf("m", "{% if u1 is defined and u1.x %}a{% else %}b{% endif %}")).isEqualTo("b");
    }

    @Test
    void unrelatedDefaultDoesNotExcuseAnEarlierUndefinedName() throws Exception {
        write("models/m.sql", "select {{ undefined_a.x }}, '{{ target.password | default('x') }}'");
        assertThat(compileFails().getMessage()).contains("'undefined_a' is undefined");
        write("models/m.sql", "select {{ undefined_b.x }}{% if target.password is defined %}y{% endif %}");
        assertThat(compileFails().getMessage()).contains("'undefined_b' is undefined");
    }

    @Test
    void unknownFunctionIsACompileError() throws Exception {
        write("models/m.sql", "select\n{{ no_such_macro(1) }}");
        CompileException e = compileFails();
        assertThat(e.getMessage()).contains("models/m.sql line 2").contains("unknown function 'no_such_macro'");
    }

    @Test
    void unknownFilterIsACompileError() throws Exception {
        write("models/m.sql", "select '{{ 'abc' | nosuch }}'");
        assertThat(compileFails().getMessage()).contains("models/m.sql").contains("nosuch");
    }

    @Test
    void unknownRefSuggestsTheClosestName() throws Exception {
        write("models/orders.sql", "select 1");
        write("models/report.sql", "select *\nfrom {{ ref('ordres') }}");
        CompileException e = compileFails();
        assertThat(e.getMessage())
                .contains("models/report.sql line 2")
                .contains("ref('ordres')")
                .contains("did you mean 'orders'?");
    }

    @Test
    void unknownRefWithNothingCloseHasNoSuggestion() throws Exception {
        write("models/orders.sql", "select 1");
        write("models/report.sql", "select * from {{ ref('completely_different') }}");
        CompileException e = compileFails();
        assertThat(e.getMessage()).contains("ref('completely_different') names no model or seed")
                .doesNotContain("did you mean");
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        write("models/a.sql", "select {{ var('nope') }}");
        write("models/b.sql", "select * from {{ ref('nothing_here') }}");
        CompileException e = compileFails();
        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage()).contains("2 compile errors").contains("models/a.sql").contains("models/b.sql");
        assertThat(e.getHint()).isNotBlank();
    }

    // ---- graph ----

    @Test
    void cycleIsACompileErrorShowingThePath() throws Exception {
        write("models/a.sql", "select * from {{ ref('c') }}");
        write("models/b.sql", "select * from {{ ref('a') }}");
        write("models/c.sql", "select * from {{ ref('b') }}");
        write("models/d.sql", "select * from {{ ref('a') }}");
        CompileException e = compileFails();
        assertThat(e.getMessage())
                .startsWith("Dependency cycle: ")
                .contains("a (models/a.sql)")
                .contains("b (models/b.sql)")
                .contains("c (models/c.sql)")
                .doesNotContain("d (models/d.sql)");
        // The path follows the dependency direction: a feeds b, b feeds c, c feeds a.
        assertThat(e.getMessage()).containsAnyOf(
                "a (models/a.sql) -> b (models/b.sql) -> c (models/c.sql) -> a (models/a.sql)",
                "b (models/b.sql) -> c (models/c.sql) -> a (models/a.sql) -> b (models/b.sql)",
                "c (models/c.sql) -> a (models/a.sql) -> b (models/b.sql) -> c (models/c.sql)");
    }

    @Test
    void selfReferenceIsACycle() throws Exception {
        write("models/a.sql", "select * from {{ ref('a') }}");
        CompileException e = compileFails();
        assertThat(e.getMessage()).contains("Dependency cycle").contains("a (models/a.sql)");
    }

    @Test
    void disabledModelIsExcluded() throws Exception {
        write("dbt_project.yml", """
                name: shop
                models:
                  shop:
                    legacy:
                      +enabled: false
                """);
        write("models/legacy/old.sql", "select {{ this_would_fail }}");
        write("models/off.sql", "{{ config(enabled=false) }}select 1");
        write("models/on.sql", "select 1");
        CompiledProject project = compile();
        assertThat(project.nodes().keySet()).containsExactly("model.shop.on");
        assertThat(project.dag().nodes()).containsExactly("model.shop.on");
    }

    @Test
    void propertyFileCanDisableAModel() throws Exception {
        write("models/legacy.sql", "select 1");
        write("models/on.sql", "select 1");
        write("models/schema.yml", """
                models:
                  - name: legacy
                    config:
                      enabled: false
                """);
        assertThat(compile().nodes().keySet()).containsExactly("model.shop.on");
    }

    @Test
    void disabledSeedIsExcluded() throws Exception {
        write("dbt_project.yml", """
                name: shop
                seeds:
                  shop:
                    countries:
                      +enabled: false
                """);
        write("seeds/countries.csv", "code\nNL\n");
        write("models/on.sql", "select 1");
        assertThat(compile().nodes().keySet()).containsExactly("model.shop.on");
    }

    @Test
    void refToADisabledModelSaysSo() throws Exception {
        write("models/off.sql", "{{ config(enabled=false) }}select 1");
        write("models/on.sql", "select * from {{ ref('off') }}");
        CompileException e = compileFails();
        assertThat(e.getMessage()).contains("models/on.sql line 1").contains("ref('off') points to a disabled model");
    }

    @Test
    void unknownMaterializationIsRejectedWithAClearMessage() throws Exception {
        write("models/events.sql", "{{ config(materialized='materialized_view') }}\nselect 1 as x\n");
        CompileException e = compileFails();
        assertThat(e.getMessage())
                .contains("models/events.sql")
                .contains("materialized 'materialized_view' is not supported")
                .contains("view, table, incremental or ephemeral");
    }

    @Test
    void incrementalModelIsRenderedForBothRuns() throws Exception {
        write("models/events.sql", """
                {{ config(materialized='incremental', unique_key='id') }}
                select 1 as id
                {% if is_incremental() %}where id > (select max(id) from {{ this }}){% endif %}
                """);
        CompiledProject project = compile();
        CompiledNode events = model(project, "events");
        assertThat(events.materialized()).isEqualTo("incremental");
        assertThat(events.compiledSql()).doesNotContain("max(id)");
        assertThat(events.incrementalSql()).contains("where id > (select max(id) from \"dbt_alice\".\"events\")");
    }

    @Test
    void whatOneModelDoesToAVarNoOtherModelSees() throws Exception {
        write("dbt_project.yml", "name: shop\nvars:\n  cols: [id]\n  opts: {a: 1}\n");
        write("models/a.sql", "{% do var('cols').append('x') %}{% do var('opts').update({'b': 2}) %}"
                + "select {{ var('cols') | length }} as n, {{ var('opts') | length }} as m");
        write("models/b.sql", "select {{ var('cols') | length }} as n, {{ var('opts') | length }} as m");
        write("models/c.sql", "select {{ var('cols') | length }} as n, {{ var('opts') | length }} as m");

        CompiledProject project = compile();

        assertThat(model(project, "a").compiledSql()).isEqualTo("select 2 as n, 2 as m");
        assertThat(model(project, "b").compiledSql()).isEqualTo("select 1 as n, 1 as m");
        assertThat(model(project, "c").compiledSql()).isEqualTo("select 1 as n, 1 as m");
    }

    @Test
    void anUnknownIncrementalStrategyIsAnErrorAlreadyAtCompileSoTheFirstRunRefusesItToo() throws Exception {
        write("models/events.sql", "{{ config(materialized='incremental', incremental_strategy='insert_overwrite',"
                + " unique_key='id') }}\nselect 1 as id\n");
        assertThat(compileFails().getMessage()).contains("models/events.sql")
                .contains("incremental_strategy 'insert_overwrite' is not supported; use append, delete+insert, merge or microbatch");
    }

    @Test
    void theIncrementalStrategiesThePluginHasCompile() throws Exception {
        write("models/a.sql", "{{ config(materialized='incremental', incremental_strategy='append') }}select 1 as id");
        write("models/b.sql", "{{ config(materialized='incremental', incremental_strategy='Delete+Insert',"
                + " unique_key='id') }}select 1 as id");
        write("models/c.sql", "{{ config(materialized='incremental', incremental_strategy='merge', unique_key='id') }}"
                + "select 1 as id");
        assertThat(compile().nodes()).hasSize(3);
    }

    @Test
    void unknownMaterializationIsRejected() throws Exception {
        write("models/m.sql", "{{ config(materialized='ephemeral_thing') }}select 1");
        assertThat(compileFails().getMessage()).contains("materialized 'ephemeral_thing' is not supported");
    }

    @Test
    void materializationIsCaseInsensitive() throws Exception {
        write("models/m.sql", "{{ config(materialized='TABLE') }}select 1");
        assertThat(model(compile(), "m").materialized()).isEqualTo("table");
    }

    @Test
    void tooLongAliasIsRejected() throws Exception {
        write("models/m.sql", "{{ config(alias='" + "x".repeat(64) + "') }}select 1");
        assertThat(compileFails().getMessage()).contains("models/m.sql").contains("longer than 63 bytes");
    }

    @Test
    void customSchemaPushingADevSchemaPast63BytesIsShortenedWithAHash() throws Exception {
        target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type("duckdb").path("x.duckdb").build(),
                "dbt_", "u".repeat(55), null);
        write("models/m.sql", "{{ config(schema='marketing') }}select 1");
        write("models/n.sql", "{{ config(schema='marketing_eu') }}select 1");
        CompiledProject compiled = compile();
        String m = model(compiled, "m").relation().getSchema();
        String n = model(compiled, "n").relation().getSchema();
        // the user's name made it long: kept readable, cut, and told apart by the hash of the full name
        assertThat(m).hasSize(63).matches("dbt_u{50}_[0-9a-f]{8}").isNotEqualTo(n);
        assertThat(n).hasSize(63).matches("dbt_u{50}_[0-9a-f]{8}");
        assertThat(model(compile(), "m").relation().getSchema()).as("stable").isEqualTo(m);
    }

    @Test
    void customSchemaPushingADeclaredSchemaPast63BytesIsRejected() throws Exception {
        target = ResolvedTarget.resolve(TargetDefinition.builder("prod").type("duckdb").path("x.duckdb")
                .schema("s".repeat(55)).build(), "dbt_", "alice", null);
        write("models/m.sql", "{{ config(schema='marketing') }}select 1");
        assertThat(compileFails().getMessage()).contains("models/m.sql").contains("longer than 63 bytes");
    }

    @Test
    void isIncrementalIsFalse() throws Exception {
        assertThat(sqlOf("m", "select 1{% if is_incremental() %} where x{% endif %}")).isEqualTo("select 1");
    }

    @Test
    void emptyProjectCompilesToNothing() throws Exception {
        CompiledProject project = compile();
        assertThat(project.nodes()).isEmpty();
        assertThat(project.dag().size()).isZero();
    }
}
