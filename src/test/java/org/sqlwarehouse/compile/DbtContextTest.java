package org.sqlwarehouse.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.DuckDbDialect;
import org.sqlwarehouse.project.DbtProject;
import org.sqlwarehouse.project.ProjectLoader;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.ProjectFiles;

/** dbt's template context as models see it: project macros, return(), schemas, sources, built-ins, hooks. */
class DbtContextTest {
    /** dbt's generate_schema_name_for_env: the custom schema alone in prod, the target schema elsewhere. */
    private static final String SCHEMA_FOR_ENV = """
            {% macro generate_schema_name(custom_schema_name, node) -%}
                {%- set default_schema = target.schema -%}
                {%- if target.name == 'prod' and custom_schema_name is not none -%}
                    {{ custom_schema_name | trim }}
                {%- else -%}
                    {{ default_schema }}
                {%- endif -%}
            {%- endmacro %}
            """;

    @TempDir
    Path dir;

    private ResolvedTarget target;
    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void setUp() throws Exception {
        target = devTarget();
        write("dbt_project.yml", "name: shop\n");
    }

    private static ResolvedTarget devTarget() throws WarehouseException {
        return ResolvedTarget.resolve(TargetDefinition.builder("dev").type("duckdb").path("x.duckdb").build(),
                "dbt_", "alice", null);
    }

    private static ResolvedTarget prodTarget() throws WarehouseException {
        return ResolvedTarget.resolve(TargetDefinition.builder("prod").type("duckdb").path("x.duckdb")
                .schema("analytics").build(), "dbt_", "alice", null);
    }

    private void write(String relative, String content) throws IOException {
        ProjectFiles.write(dir, relative, content);
    }

    private CompiledProject compile() throws WarehouseException {
        return compile(Map.of(), Map.of());
    }

    private CompiledProject compile(Map<String, Object> cliVars, Map<String, String> env) throws WarehouseException {
        DbtProject project = ProjectLoader.load(dir, "fallback");
        return new ProjectCompiler().compile(project,
                new CompileSettings(target, new DuckDbDialect(), cliVars, env, log));
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
        Throwable thrown = catchThrowable(this::compile);
        assertThat(thrown).isInstanceOf(CompileException.class);
        return (CompileException) thrown;
    }

    /** Keeps what log() wrote. */
    private static final class RecordingLog implements BuildLog {
        final List<String> infos = new ArrayList<>();
        final List<String> debugs = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        @Override
        public void info(String message) {
            infos.add(message);
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
        }

        @Override
        public void error(String message) {
        }

        @Override
        public void debug(String message) {
            debugs.add(message);
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }
    }

    // ---- project macros ----

    @Test
    void macroWithPositionalKeywordAndDefaultArguments() throws Exception {
        write("macros/money.sql", """
                {% macro cents_to_dollars(column, scale=2, alias='dollars') -%}
                round({{ column }} / 100.0, {{ scale }}) as {{ alias }}
                {%- endmacro %}
                """);
        String sql = sqlOf("payments", "select {{ cents_to_dollars('amount') }},\n"
                + "{{ cents_to_dollars('fee', 4) }},\n"
                + "{{ cents_to_dollars('tax', alias='tax_dollars') }},\n"
                + "{{ cents_to_dollars(column='tip', scale=0) }}\n"
                + "from t");
        assertThat(sql).isEqualTo("select round(amount / 100.0, 2) as dollars,\n"
                + "round(fee / 100.0, 4) as dollars,\n"
                + "round(tax / 100.0, 2) as tax_dollars,\n"
                + "round(tip / 100.0, 0) as dollars\n"
                + "from t");
    }

    @Test
    void macroCallsMacrosOfTheSameAndOfOtherFiles() throws Exception {
        // a_outer.sql is loaded before z_inner.sql: the call resolves when rendered, not when defined.
        write("macros/a_outer.sql", """
                {% macro wrap(x) %}<{{ bracket(x) }}|{{ twice(x) }}>{% endmacro %}
                {% macro twice(x) %}{{ x }}{{ x }}{% endmacro %}
                """);
        write("macros/z_inner.sql", "{% macro bracket(x) %}[{{ x | upper }}]{% endmacro %}\n");
        assertThat(sqlOf("m", "select '{{ wrap('ab') }}'")).isEqualTo("select '<[AB]|abab>'");
    }

    @Test
    void macroFileOutputOutsideMacrosIsDiscarded() throws Exception {
        write("macros/util.sql", "this text is not part of any model\n{% macro one() %}1{% endmacro %}\n");
        assertThat(sqlOf("m", "select {{ one() }}")).isEqualTo("select 1");
    }

    @Test
    void returnHandsBackListDictAndString() throws Exception {
        write("macros/returning.sql", """
                {% macro my_cols() %}
                    {{ return(['id', 'name', 'amount']) }}
                {% endmacro %}

                {% macro my_settings() %}
                    {{ return({'order_by': 'id', 'limit': 10}) }}
                {% endmacro %}

                {% macro table_prefix() %}
                    {{ return('stg_') }}
                {% endmacro %}
                """);
        String template = """
                {% set cols = my_cols() %}
                {% set settings = my_settings() %}
                select {% for c in cols %}{{ c }}{% if not loop.last %}, {% endif %}{% endfor %}
                from {{ table_prefix() ~ 'orders' }}
                order by {{ settings['order_by'] }}
                limit {{ settings.limit * 2 }} -- {{ cols | length }} columns
                """;
        assertThat(sqlOf("m", template)).isEqualTo(
                "select id, name, amount\nfrom stg_orders\norder by id\nlimit 20 -- 3 columns");
    }

    @Test
    void macroUsesTheValueAnotherMacroReturns() throws Exception {
        write("macros/returning.sql", """
                {% macro my_cols() %}{{ return(['a', 'b']) }}{% endmacro %}
                {% macro column_list(prefix) -%}
                    {%- set cols = my_cols() -%}
                    {%- set out = [] -%}
                    {%- for c in cols -%}{%- do out.append(prefix ~ '.' ~ c) -%}{%- endfor -%}
                    {{ return(out | join(', ')) }}
                {%- endmacro %}
                """);
        assertThat(sqlOf("m", "select {{ column_list('t') }} from t as t")).isEqualTo("select t.a, t.b from t as t");
    }

    @Test
    void returnInsideAConditionalBranch() throws Exception {
        write("macros/pick.sql", """
                {% macro pick(flag) %}
                    {% if flag %}{{ return('yes') }}{% else %}{{ return('no') }}{% endif %}
                {% endmacro %}
                """);
        assertThat(sqlOf("m", "{{ pick(true) }}/{{ pick(false) }}")).isEqualTo("yes/no");
    }

    @Test
    void returnOutsideAMacroIsACompileError() throws Exception {
        write("models/m.sql", "select 1\n{{ return('x') }}");
        CompileException e = compileFails();
        assertThat(e.getMessage()).contains("models/m.sql line 2").contains("return() is only allowed inside a macro");
    }

    @Test
    void macrosSeeTargetThisAndVars() throws Exception {
        write("dbt_project.yml", """
                name: shop
                vars:
                  lookback_days: 3
                """);
        write("macros/context.sql", """
                {% macro whoami() -%}
                {{ target.name }}|{{ target.schema }}|{{ this }}|{{ this.identifier }}|{{ var('lookback_days') }}
                {%- endmacro %}
                """);
        write("models/orders.sql", "select '{{ whoami() }}'");
        write("models/customers.sql", "{{ config(alias='clients') }}select '{{ whoami() }}'");
        CompiledProject project = compile();
        assertThat(model(project, "orders").compiledSql())
                .isEqualTo("select 'dev|dbt_alice|\"dbt_alice\".\"orders\"|orders|3'");
        assertThat(model(project, "customers").compiledSql())
                .isEqualTo("select 'dev|dbt_alice|\"dbt_alice\".\"clients\"|clients|3'");
    }

    @Test
    void undefinedNameInsideAMacroIsACompileError() throws Exception {
        write("macros/broken.sql", "{% macro broken() %}{{ no_such_name_here.attr }}{% endmacro %}\n");
        write("models/m.sql", "select {{ broken() }}");
        CompileException e = compileFails();
        assertThat(e.getMessage()).contains("no_such_name_here").contains("is undefined");
    }

    // ---- errors inside macros name the model's line, the macro, its file and line ----

    private static final String MONEY = """
            {% macro cents_to_dollars(column_name, precision=2) %}
                ({{ column_name }} / 100)::numeric(16, {{ precision }})
                {%- if precision > 4 %}
                {{ exceptions.raise_compiler_error('precision ' ~ precision ~ ' is too high') }}
                {%- endif %}{{ precision.no_such_attribute.deeper }}
            {% endmacro %}
            """;

    @Test
    void anUndefinedAttributeInAMacroNamesTheModelLineTheMacroAndItsLine() throws Exception {
        write("macros/money.sql", MONEY);
        write("models/orders.sql", "select\n  id,\n  {{ cents_to_dollars('amount') }} as amount\nfrom raw");
        assertThat(compileFails().getMessage()).contains("models/orders.sql line 3: in macro cents_to_dollars "
                + "(macros/money.sql line 5): 'int object' has no attribute 'no_such_attribute'");
    }

    @Test
    void raiseCompilerErrorInAMacroNamesTheModelLineTheMacroAndItsLine() throws Exception {
        write("macros/money.sql", MONEY.replace("{{ precision.no_such_attribute.deeper }}", ""));
        write("models/orders.sql", "select\n\n  {{ cents_to_dollars('amount', precision=6) }} as amount");
        assertThat(compileFails().getMessage()).contains("models/orders.sql line 3: in macro cents_to_dollars "
                + "(macros/money.sql line 4): precision 6 is too high");
    }

    @Test
    void anErrorInAMacroCalledByAMacroNamesBothCalls() throws Exception {
        write("macros/money.sql", MONEY);
        write("macros/amounts.sql", "{% macro amount(col) %}\n  {{ cents_to_dollars(col) }}\n{% endmacro %}\n");
        write("models/orders.sql", "select\n  {{ amount('amount') }}");
        assertThat(compileFails().getMessage()).contains("models/orders.sql line 2: in macro amount "
                + "(macros/amounts.sql line 2): in macro cents_to_dollars (macros/money.sql line 5): 'int object' "
                + "has no attribute 'no_such_attribute'");
    }

    @Test
    void aBadCallInsideAMacroNamesTheMacroLine() throws Exception {
        write("macros/money.sql", "{% macro dollars(c) %}\n{{ cents_to_dollars(c, 2, 3) }}\n{% endmacro %}\n"
                + MONEY);
        write("models/orders.sql", "select {{ dollars('amount') }}");
        assertThat(compileFails().getMessage()).contains("models/orders.sql line 1: in macro dollars "
                + "(macros/money.sql line 2): macro 'cents_to_dollars' takes not more than 2 argument(s)");
    }

    @Test
    void aBadRefOrVarInsideAMacroNamesTheMacroAndTheModelLine() throws Exception {
        write("macros/refs.sql", "{% macro customers() %}\n\n{{ ref('customer') }} {{ var('nope') }}"
                + "{% endmacro %}\n");
        write("models/customers.sql", "select 1");
        write("models/orders.sql", "select 1\nfrom {{ customers() }}");
        assertThat(compileFails().getMessage())
                .contains("models/orders.sql line 2: in macro customers (macros/refs.sql line 3): ref('customer') "
                        + "names no model or seed; did you mean 'customers'?")
                .contains("models/orders.sql line 2: in macro customers (macros/refs.sql line 3): Required var "
                        + "'nope' not found");
    }

    @Test
    void aRunawayRecursionNamesItsFirstAndLastCallsOnly() throws Exception {
        write("macros/loop.sql", "{% macro again(n) %}\n{{ again(n + 1) }}{% endmacro %}\n");
        write("models/m.sql", "select {{ again(0) }}");
        String message = compileFails().getMessage();
        assertThat(message).contains("models/m.sql line 1: in macro again (macros/loop.sql line 2): in macro again "
                + "(macros/loop.sql line 2)").contains(" more macro calls ...").contains("maximum recursion depth");
        assertThat(message.length()).isLessThan(2_000);
    }

    @Test
    void exceptionsWarnInAMacroNamesTheMacro() throws Exception {
        write("macros/careful.sql", "{% macro careful() %}\n{{ exceptions.warn('careful') }}{% endmacro %}\n");
        assertThat(sqlOf("m", "select 1{{ careful() }}")).isEqualTo("select 1");
        assertThat(log.warnings).contains("models/m.sql line 1: in macro careful (macros/careful.sql line 2): careful");
    }

    @Test
    void macroSyntaxErrorIsACompileErrorNamingTheMacroFile() throws Exception {
        write("macros/broken.sql", "{% macro broken() %}{% if %}{% endmacro %}\n");
        write("models/m.sql", "select 1");
        assertThat(compileFails().getMessage()).contains("macros/broken.sql");
    }

    // ---- schemas and aliases ----

    private void writeSchemaProject() throws IOException {
        write("macros/get_custom_schema.sql", SCHEMA_FOR_ENV);
        write("dbt_project.yml", """
                name: shop
                models:
                  shop:
                    marketing:
                      +schema: marketing
                seeds:
                  shop:
                    +schema: raw
                """);
        write("models/marketing/campaigns.sql", "select 1 as id");
        write("models/finance/revenue.sql", "{{ config(schema='finance') }}select * from {{ ref('campaigns') }}");
        write("models/report.sql", "select * from {{ ref('revenue') }} join {{ ref('countries') }} using (id)");
        write("seeds/countries.csv", "id,name\n1,NL\n");
    }

    @Test
    void generateSchemaNameForEnvUsesTheCustomSchemaAloneInProd() throws Exception {
        writeSchemaProject();
        target = prodTarget();
        CompiledProject project = compile();
        assertThat(model(project, "campaigns").relation().toString()).isEqualTo("\"marketing\".\"campaigns\"");
        assertThat(model(project, "revenue").relation().getSchema()).isEqualTo("finance");
        assertThat(model(project, "revenue").compiledSql()).isEqualTo("select * from \"marketing\".\"campaigns\"");
        assertThat(model(project, "report").relation().toString()).isEqualTo("\"analytics\".\"report\"");
        assertThat(model(project, "report").compiledSql())
                .isEqualTo("select * from \"finance\".\"revenue\" join \"raw\".\"countries\" using (id)");
        assertThat(project.nodes().get("seed.shop.countries").relation().toString())
                .isEqualTo("\"raw\".\"countries\"");
    }

    @Test
    void generateSchemaNameForEnvUsesTheTargetSchemaElsewhere() throws Exception {
        writeSchemaProject();
        CompiledProject project = compile();
        assertThat(model(project, "campaigns").relation().toString()).isEqualTo("\"dbt_alice\".\"campaigns\"");
        assertThat(model(project, "revenue").relation().getSchema()).isEqualTo("dbt_alice");
        assertThat(model(project, "revenue").compiledSql()).isEqualTo("select * from \"dbt_alice\".\"campaigns\"");
        assertThat(model(project, "report").compiledSql())
                .isEqualTo("select * from \"dbt_alice\".\"revenue\" join \"dbt_alice\".\"countries\" using (id)");
        assertThat(project.nodes().get("seed.shop.countries").relation().toString())
                .isEqualTo("\"dbt_alice\".\"countries\"");
    }

    @Test
    void generateSchemaNameSeesTheNode() throws Exception {
        write("macros/schemas.sql", """
                {% macro generate_schema_name(custom_schema_name, node) -%}
                    {{ node.resource_type }}_{{ node.fqn[1] if node.fqn | length > 2 else 'root' }}
                {%- endmacro %}
                """);
        write("models/staging/stg_orders.sql", "select 1");
        write("models/top.sql", "select * from {{ ref('stg_orders') }}");
        CompiledProject project = compile();
        assertThat(model(project, "stg_orders").relation().toString()).isEqualTo("\"model_staging\".\"stg_orders\"");
        assertThat(model(project, "top").relation().toString()).isEqualTo("\"model_root\".\"top\"");
        assertThat(model(project, "top").compiledSql()).isEqualTo("select * from \"model_staging\".\"stg_orders\"");
    }

    @Test
    void generateSchemaNameReturningNothingIsACompileError() throws Exception {
        write("macros/schemas.sql", "{% macro generate_schema_name(custom_schema_name, node) %}{% endmacro %}\n");
        write("models/m.sql", "select 1");
        assertThat(compileFails().getMessage()).contains("models/m.sql")
                .contains("generate_schema_name returned an empty schema");
    }

    @Test
    void defaultCustomSchemaIsAppendedToTheTargetSchema() throws Exception {
        write("dbt_project.yml", """
                name: shop
                models:
                  shop:
                    +schema: marketing
                """);
        write("models/campaigns.sql", "select 1");
        write("models/spend.sql", "select * from {{ ref('campaigns') }} -- {{ this.schema }}");
        CompiledProject project = compile();
        assertThat(model(project, "campaigns").relation().toString())
                .isEqualTo("\"dbt_alice_marketing\".\"campaigns\"");
        assertThat(model(project, "spend").compiledSql())
                .isEqualTo("select * from \"dbt_alice_marketing\".\"campaigns\" -- dbt_alice_marketing");

        target = prodTarget();
        assertThat(model(compile(), "campaigns").relation().toString())
                .isEqualTo("\"analytics_marketing\".\"campaigns\"");
    }

    @Test
    void aliasFromProjectPropertyFileAndConfigCall() throws Exception {
        write("dbt_project.yml", """
                name: shop
                models:
                  shop:
                    a:
                      +alias: a_from_project
                """);
        write("models/a.sql", "select 1");
        write("models/b.sql", "select 1");
        write("models/c.sql", "{{ config(alias='c_from_config') }}select 1");
        write("models/schema.yml", """
                models:
                  - name: b
                    config:
                      alias: b_from_properties
                """);
        write("models/reader.sql", "select * from {{ ref('a') }}, {{ ref('b') }}, {{ ref('c') }}");
        CompiledProject project = compile();
        assertThat(model(project, "a").relation().getIdentifier()).isEqualTo("a_from_project");
        assertThat(model(project, "b").relation().getIdentifier()).isEqualTo("b_from_properties");
        assertThat(model(project, "c").relation().getIdentifier()).isEqualTo("c_from_config");
        assertThat(model(project, "reader").compiledSql()).isEqualTo("select * from \"dbt_alice\".\"a_from_project\", "
                + "\"dbt_alice\".\"b_from_properties\", \"dbt_alice\".\"c_from_config\"");
        // the node keeps its name: ref() and unique ids use it, not the alias
        assertThat(model(project, "b").name()).isEqualTo("b");
        assertThat(model(project, "b").uniqueId()).isEqualTo("model.shop.b");
    }

    // ---- sources ----

    @Test
    void sourceRendersTheDeclaredSchemaAndIdentifierAndIsListed() throws Exception {
        write("models/sources.yml", """
                version: 2
                sources:
                  - name: raw
                    schema: raw_data
                    tables:
                      - name: orders
                        identifier: orders_v2
                      - name: customers
                  - name: stripe
                    tables:
                      - name: payments
                """);
        write("models/stg_orders.sql", """
                select * from {{ source('raw', 'orders') }} o
                join {{ source('raw', 'customers') }} c using (customer_id)
                join {{ source('stripe', 'payments') }} p using (order_id)
                union all select * from {{ source('raw', 'orders') }}
                -- {{ source('raw', 'orders').schema }}.{{ source('raw', 'orders').identifier }}
                """);
        CompiledNode node = model(compile(), "stg_orders");
        assertThat(node.compiledSql()).isEqualTo("""
                select * from "raw_data"."orders_v2" o
                join "raw_data"."customers" c using (customer_id)
                join "stripe"."payments" p using (order_id)
                union all select * from "raw_data"."orders_v2"
                -- raw_data.orders_v2""");
        assertThat(node.sources()).containsExactly("raw.orders", "raw.customers", "stripe.payments");
        assertThat(node.dependsOn()).isEmpty();
    }

    @Test
    void unknownSourceTableIsACompileErrorWithASuggestion() throws Exception {
        write("models/sources.yml", """
                sources:
                  - name: raw
                    tables:
                      - name: orders
                """);
        write("models/staging/stg_orders.sql", "select *\nfrom {{ source('raw', 'ordres') }}");
        CompileException e = compileFails();
        assertThat(e.problems()).hasSize(1);
        assertThat(e.getMessage())
                .contains("models/staging/stg_orders.sql line 2")
                .contains("source('raw', 'ordres')")
                .contains("did you mean 'raw.orders'?");
    }

    @Test
    void undeclaredSourceWithNothingCloseSaysWhereToDeclareIt() throws Exception {
        write("models/m.sql", "select * from {{ source('nothing', 'here') }}");
        CompileException e = compileFails();
        assertThat(e.getMessage()).contains("models/m.sql line 1").contains("source('nothing', 'here')")
                .contains("sources:").doesNotContain("did you mean");
    }

    // ---- var, env_var, target, project_name ----

    @Test
    void varDefaultsAndCliOverrideInModelsAndMacros() throws Exception {
        write("dbt_project.yml", """
                name: shop
                vars:
                  country: NL
                  statuses: [placed, shipped]
                """);
        write("macros/filters.sql", "{% macro country_filter() %}country = '{{ var('country') }}'{% endmacro %}\n");
        write("models/m.sql", "select * from t where {{ country_filter() }}"
                + " and status in ({% for s in var('statuses') %}'{{ s }}'{% if not loop.last %}, {% endif %}{% endfor %})"
                + " and days < {{ var('days', 7) }}");
        assertThat(model(compile(), "m").compiledSql()).isEqualTo(
                "select * from t where country = 'NL' and status in ('placed', 'shipped') and days < 7");
        assertThat(model(compile(Map.of("country", "BE", "days", 30), Map.of()), "m").compiledSql()).isEqualTo(
                "select * from t where country = 'BE' and status in ('placed', 'shipped') and days < 30");
    }

    @Test
    void envVarFromTheGivenEnvironment() throws Exception {
        write("macros/env.sql", "{% macro region() %}{{ env_var('WH_REGION', 'eu') }}{% endmacro %}\n");
        write("models/m.sql", "select '{{ region() }}' as r, '{{ env_var('WH_TEAM', 'data') }}' as t");
        assertThat(model(compile(), "m").compiledSql()).isEqualTo("select 'eu' as r, 'data' as t");
        assertThat(model(compile(Map.of(), Map.of("WH_REGION", "us", "WH_TEAM", "bi")), "m").compiledSql())
                .isEqualTo("select 'us' as r, 'bi' as t");
    }

    @Test
    void targetAndProjectName() throws Exception {
        String template = "select '{{ target.name }}' as t, '{{ target.schema }}' as s, '{{ target.type }}' as ty, "
                + "'{{ project_name }}' as p{% if target.name == 'prod' %} -- production{% endif %}";
        assertThat(sqlOf("m", template))
                .isEqualTo("select 'dev' as t, 'dbt_alice' as s, 'duckdb' as ty, 'shop' as p");
        target = prodTarget();
        assertThat(model(compile(), "m").compiledSql())
                .isEqualTo("select 'prod' as t, 'analytics' as s, 'duckdb' as ty, 'shop' as p -- production");
    }

    @Test
    void targetNeverShowsThePassword() throws Exception {
        target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type("duckdb").path("x.duckdb")
                .password("s3cret").build(), "dbt_", "alice", null);
        assertThat(sqlOf("m", "select '{{ target.password | default('none') }}'")).isEqualTo("select 'none'")
                .doesNotContain("s3cret");
    }

    // ---- dbt built-ins ----

    @Test
    void runStartedAtAndInvocationId() throws Exception {
        write("models/a.sql", "select '{{ run_started_at.strftime('%Y') }}' as y, '{{ invocation_id }}' as i");
        write("models/b.sql", "select '{{ invocation_id }}' as i");
        CompiledProject project = compile();
        String year = String.valueOf(Year.now().getValue());
        String a = model(project, "a").compiledSql();
        assertThat(a).startsWith("select '" + year + "' as y, '");
        String id = a.substring(a.indexOf("as y, '") + 7, a.lastIndexOf("' as i"));
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        // one invocation, one id
        assertThat(model(project, "b").compiledSql()).isEqualTo("select '" + id + "' as i");
        // a new compile is a new invocation
        assertThat(model(compile(), "b").compiledSql()).isNotEqualTo("select '" + id + "' as i");
    }

    @Test
    void logWritesToTheBuildLogAndRendersNothing() throws Exception {
        assertThat(sqlOf("m", "select 1{{ log('quiet message') }}{{ log('loud message', info=True) }}"))
                .isEqualTo("select 1");
        assertThat(log.debugs).contains("quiet message");
        assertThat(log.infos).contains("loud message").doesNotContain("quiet message");
    }

    @Test
    void raiseCompilerErrorFailsWithTheMessageAndFile() throws Exception {
        write("models/guarded.sql", "select 1\n{% if var('mode', 'x') != 'ok' %}"
                + "{{ exceptions.raise_compiler_error('boom: mode must be ok') }}{% endif %}");
        CompileException e = compileFails();
        assertThat(e.getMessage()).contains("boom: mode must be ok").contains("models/guarded.sql line 2");

        // in a branch not taken it does nothing
        CompiledProject project = compile(Map.of("mode", "ok"), Map.of());
        assertThat(model(project, "guarded").compiledSql()).isEqualTo("select 1");
    }

    @Test
    void raiseCompilerErrorInAMacroNamesTheCallingModel() throws Exception {
        write("macros/check.sql", "{% macro must_be_positive(n) %}{% if n <= 0 %}"
                + "{{ exceptions.raise_compiler_error('boom: ' ~ n ~ ' is not positive') }}{% endif %}{{ n }}"
                + "{% endmacro %}\n");
        write("models/m.sql", "select {{ must_be_positive(-1) }}");
        CompileException e = compileFails();
        assertThat(e.getMessage()).contains("boom: -1 is not positive").contains("models/m.sql");
    }

    @Test
    void exceptionsWarnLogsAndGoesOn() throws Exception {
        assertThat(sqlOf("m", "select 1{{ exceptions.warn('careful') }}")).isEqualTo("select 1");
        assertThat(log.warnings).anySatisfy(w -> assertThat(w).contains("models/m.sql").contains("careful"));
    }

    @Test
    void raiseNotImplementedAndDatabaseErrorFailTheCompileNamingTheModel() throws Exception {
        write("models/m.sql", "select {{ exceptions.raise_not_implemented('no pivot on this adapter') }}1");
        write("models/n.sql", "select {{ exceptions.raise_database_error('relation gone') }}1");
        CompileException e = compileFails();
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("models/m.sql line 1")
                .endsWith("Not implemented: no pivot on this adapter"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("models/n.sql line 1")
                .endsWith("Database Error: relation gone"));
    }

    /** Python: hashlib.md5('café'.encode()).hexdigest(); set() and zip() as Python's. */
    @Test
    void localMd5SetZipPrintAndDbtVersion() throws Exception {
        assertThat(sqlOf("m", "select '{{ local_md5('café') }}'")).isEqualTo("select '07117fe4a1ebd544965dc19573183da2'");
        assertThat(sqlOf("m", "{{ set([3, 1, 3, 2]) | list }}|{{ set(['a', 'b']) == set(['b', 'a']) }}|"
                + "{{ 'a' in set(['a']) }}|{{ zip([1, 2, 3], ['x', 'y']) | list }}|{{ set(none) | length }}"))
                .isEqualTo("[3, 1, 2]|True|True|[(1, 'x'), (2, 'y')]|0");
        assertThat(sqlOf("m", "{{ print('hello') }}{{ dbt_version >= '1.8' }}")).isEqualTo("True");
        assertThat(log.infos).contains("hello");
    }

    /**
     * Configs dbt applies that the plugin does not: said once per config, naming the nodes;
     * persist_docs, contract and sql_header are applied, so never said.
     */
    @Test
    void configsThatAreNotAppliedAreSaidSo() throws Exception {
        write("dbt_project.yml", "name: shop\nmodels:\n  shop:\n    +persist_docs: {relation: true}\n"
                + "    +grants: {select: [reporter]}\n    +contract: {enforced: true}\n    +meta: {owner: me}\n"
                + "    +bind: false\n    +sql_header: \"set x = 1\"\n");
        write("models/a.sql", "select 1 as id");
        write("models/b.sql", "{{ config(indexes=[{'columns': ['id']}], bind=true) }}select 1 as id");
        compile();
        assertThat(log.warnings).contains(
                "The bind config is not applied (views are always bound as the database binds them): set on b",
                "The grants config is not applied (a duckdb target has no roles to grant to): set on a, b",
                "The indexes config is not applied (indexes are created on PostgreSQL only): set on b");
        // applied: persist_docs, contract, sql_header; meta is metadata in dbt too
        assertThat(log.warnings).noneMatch(w -> w.contains("persist_docs") || w.contains("contract")
                || w.contains("sql_header") || w.contains("meta"));
    }

    @Test
    void aContractOnAMicrobatchModelIsSaidNotToBeChecked() throws Exception {
        write("models/events.sql", "{{ config(materialized='incremental', incremental_strategy='microbatch',"
                + " event_time='at', batch_size='day', begin='2024-01-01', contract={'enforced': true}) }}"
                + "select cast('2024-01-01' as timestamp) as at");
        compile();
        assertThat(log.warnings).contains("The contract config is not applied (microbatch models are not checked"
                + " against their contract yet): set on events");
    }

    @Test
    void modulesDatetime() throws Exception {
        // Only strftime() is asserted here; datesPrintAsPythonPrintsThem prints them bare.
        String year = String.valueOf(Year.now().getValue());
        assertThat(sqlOf("m", "select '{{ modules.datetime.datetime.now().strftime('%Y') }}' as y, "
                + "'{{ modules.datetime.datetime.utcnow().strftime('%Y') }}' as u, "
                + "'{{ modules.datetime.date.today().strftime('%Y') }}' as d"))
                .isEqualTo("select '" + year + "' as y, '" + Year.now(ZoneOffset.UTC).getValue() + "' as u, '"
                        + year + "' as d");
    }

    @Test
    void tojsonAndFromjson() throws Exception {
        String template = "{{ tojson({'a': 1}) }}|{{ tojson(['x', 2, none]) }}|"
                + "{% for n in fromjson('[1,2]') %}{{ n * 10 }};{% endfor %}|"
                + "{{ fromjson('{\"k\": \"v\", \"n\": [3]}')['k'] }}{{ fromjson('{\"n\": [3]}').n[0] }}";
        assertThat(sqlOf("m", template)).isEqualTo("{\"a\":1}|[\"x\",2,null]|10;20;|v3");
    }

    @Test
    void malformedJsonIsACompileError() throws Exception {
        write("models/m.sql", "select\n{{ fromjson('[1,') }}");
        assertThat(compileFails().getMessage()).contains("models/m.sql line 2").contains("fromjson()");
    }

    @Test
    void adapterQuotesThroughTheDialect() throws Exception {
        assertThat(sqlOf("m", "select {{ adapter.quote('x') }}, {{ adapter.quote('we\"ird') }} from t"))
                .isEqualTo("select \"x\", \"we\"\"ird\" from t");
    }

    // ---- incremental ----

    @Test
    void isIncrementalIsFalseInCompiledSqlAndTrueInIncrementalSqlAlsoInMacros() throws Exception {
        write("macros/incr.sql", """
                {% macro incremental_filter(column) -%}
                {%- if is_incremental() %}
                where {{ column }} > (select max({{ column }}) from {{ this }})
                {%- endif -%}
                {%- endmacro %}
                """);
        write("models/events.sql", """
                {{ config(materialized='incremental', unique_key='id') }}
                select id, ts from raw_events
                {{ incremental_filter('ts') }}
                {% if is_incremental() %}-- incremental run{% else %}-- full build{% endif %}
                """);
        write("models/plain.sql", "select {% if is_incremental() %}1{% else %}0{% endif %}");
        CompiledProject project = compile();
        CompiledNode events = model(project, "events");
        assertThat(events.compiledSql()).isEqualTo("select id, ts from raw_events\n\n-- full build");
        assertThat(events.incrementalSql()).isEqualTo("select id, ts from raw_events\n\n"
                + "where ts > (select max(ts) from \"dbt_alice\".\"events\")\n-- incremental run");
        assertThat(events.config()).containsEntry("unique_key", "id");
        CompiledNode plain = model(project, "plain");
        assertThat(plain.compiledSql()).isEqualTo("select 0");
        assertThat(plain.incrementalSql()).isNull();
    }

    // ---- ephemeral models ----

    @Test
    void ephemeralModelIsInlinedAsACte() throws Exception {
        write("models/eph.sql", "{{ config(materialized='ephemeral') }}select 1 as id");
        write("models/reader.sql", "select * from {{ ref('eph') }}");
        CompiledProject project = compile();
        CompiledNode reader = model(project, "reader");
        assertThat(reader.compiledSql()).isEqualTo("with __dbt__cte__eph as (\nselect 1 as id\n)\n"
                + "select * from __dbt__cte__eph");
        assertThat(reader.dependsOn()).containsExactly("model.shop.eph");

        CompiledNode eph = model(project, "eph");
        assertThat(eph.isEphemeral()).isTrue();
        assertThat(eph.materialized()).isEqualTo("ephemeral");
        assertThat(eph.relation().toString()).isEqualTo("__dbt__cte__eph");
        assertThat(eph.compiledSql()).isEqualTo("select 1 as id");
        assertThat(project.dag().downstream("model.shop.eph")).containsExactly("model.shop.reader");
    }

    @Test
    void ephemeralCteJoinsTheReadersOwnWithClause() throws Exception {
        write("models/eph.sql", "{{ config(materialized='ephemeral') }}select 1 as id");
        write("models/reader.sql", "-- leading comment\nWITH x as (select * from {{ ref('eph') }})\nselect * from x");
        assertThat(model(compile(), "reader").compiledSql()).isEqualTo("-- leading comment\n"
                + "with __dbt__cte__eph as (\nselect 1 as id\n),\n"
                + "x as (select * from __dbt__cte__eph)\nselect * from x");
    }

    @Test
    void ephemeralCteKeepsWithRecursive() throws Exception {
        write("models/eph.sql", "{{ config(materialized='ephemeral') }}select 1 as n");
        write("models/reader.sql", "with recursive r(n) as (select n from {{ ref('eph') }} union all "
                + "select n + 1 from r where n < 3)\nselect * from r");
        assertThat(model(compile(), "reader").compiledSql()).isEqualTo("with recursive __dbt__cte__eph as (\n"
                + "select 1 as n\n),\nr(n) as (select n from __dbt__cte__eph union all select n + 1 from r where n < 3)\n"
                + "select * from r");
    }

    @Test
    void ephemeralReadingEphemeralPutsTheUpstreamCteFirst() throws Exception {
        write("models/eph_a.sql", "{{ config(materialized='ephemeral') }}select 1 as id");
        write("models/eph_b.sql", "{{ config(materialized='ephemeral') }}select id + 1 as id from {{ ref('eph_a') }}");
        // the reader names eph_b first and eph_a second; eph_a must still come first, and only once
        write("models/reader.sql", "select * from {{ ref('eph_b') }} join {{ ref('eph_a') }} using (id)");
        CompiledProject project = compile();
        assertThat(model(project, "reader").compiledSql()).isEqualTo("with __dbt__cte__eph_a as (\nselect 1 as id\n),\n"
                + "__dbt__cte__eph_b as (\nselect id + 1 as id from __dbt__cte__eph_a\n)\n"
                + "select * from __dbt__cte__eph_b join __dbt__cte__eph_a using (id)");
        assertThat(model(project, "reader").dependsOn()).containsExactly("model.shop.eph_b", "model.shop.eph_a");
        assertThat(model(project, "eph_b").dependsOn()).containsExactly("model.shop.eph_a");
    }

    @Test
    void ephemeralIsInlinedIntoTheIncrementalVariantAndSingularTests() throws Exception {
        write("models/eph.sql", "{{ config(materialized='ephemeral') }}select 1 as id");
        write("models/inc.sql", "{{ config(materialized='incremental') }}select * from {{ ref('eph') }}"
                + "{% if is_incremental() %} where id > 0{% endif %}");
        write("tests/no_negative_ids.sql", "select * from {{ ref('eph') }} where id < 0");
        CompiledProject project = compile();
        CompiledNode inc = model(project, "inc");
        assertThat(inc.compiledSql()).isEqualTo("with __dbt__cte__eph as (\nselect 1 as id\n)\n"
                + "select * from __dbt__cte__eph");
        assertThat(inc.incrementalSql()).isEqualTo("with __dbt__cte__eph as (\nselect 1 as id\n)\n"
                + "select * from __dbt__cte__eph where id > 0");
        assertThat(project.nodes().get("test.shop.no_negative_ids").compiledSql())
                .isEqualTo("with __dbt__cte__eph as (\nselect 1 as id\n)\nselect * from __dbt__cte__eph where id < 0");
    }

    @Test
    void ephemeralModelIsNotCheckedAsADatabaseName() throws Exception {
        target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type("duckdb").path("x.duckdb").build(),
                "dbt_", "u".repeat(55), null);
        String longName = "e".repeat(60);
        write("models/" + longName + ".sql", "{{ config(materialized='ephemeral', schema='marketing') }}select 1 as id");
        write("models/reader.sql", "select * from {{ ref('" + longName + "') }}");
        CompiledProject project = compile();
        assertThat(model(project, longName).isEphemeral()).isTrue();
        assertThat(model(project, "reader").compiledSql()).contains("__dbt__cte__" + longName + " as (");
    }

    @Test
    void thisInsideAnEphemeralModelIsItsCteName() throws Exception {
        write("models/eph.sql", "{{ config(materialized='ephemeral') }}select '{{ this }}' as me");
        assertThat(model(compile(), "eph").compiledSql()).isEqualTo("select '__dbt__cte__eph' as me");
    }

    // ---- hooks ----

    @Test
    void preAndPostHooksAreRenderedWithThis() throws Exception {
        write("dbt_project.yml", """
                name: shop
                models:
                  shop:
                    +post-hook: "grant select on {{ this }} to role reporter"
                """);
        write("models/orders.sql", """
                {{ config(
                    alias='orders_final',
                    pre_hook="delete from {{ this }} where day = '{{ var('day', '2024-01-01') }}'",
                    post_hook=["analyze {{ this }}", "select '{{ target.name }}'"]
                ) }}
                select 1 as id
                """);
        CompiledNode orders = model(compile(), "orders");
        assertThat(orders.compiledSql()).isEqualTo("select 1 as id");
        assertThat(orders.preHooks())
                .containsExactly("delete from \"dbt_alice\".\"orders_final\" where day = '2024-01-01'");
        assertThat(orders.postHooks()).containsExactly("grant select on \"dbt_alice\".\"orders_final\" to role reporter",
                "analyze \"dbt_alice\".\"orders_final\"", "select 'dev'");
    }

    @Test
    void seedHooksAndHookMappingForm() throws Exception {
        write("dbt_project.yml", """
                name: shop
                seeds:
                  shop:
                    +post-hook:
                      - sql: "analyze {{ this }}"
                """);
        write("seeds/countries.csv", "code\nNL\n");
        CompiledNode seed = compile().nodes().get("seed.shop.countries");
        assertThat(seed.postHooks()).containsExactly("analyze \"dbt_alice\".\"countries\"");
        assertThat(seed.preHooks()).isEmpty();
    }

    @Test
    void brokenHookIsACompileError() throws Exception {
        write("models/m.sql", "{{ config(post_hook=\"grant select on {{ this }} to {{ no_such_role_var.name }}\") }}select 1");
        CompileException e = compileFails();
        assertThat(e.getMessage()).contains("models/m.sql").contains("post-hook").contains("no_such_role_var");
    }

    @Test
    void onRunStartAndOnRunEndAreRendered() throws Exception {
        write("dbt_project.yml", """
                name: shop
                on-run-start: "create schema if not exists {{ target.schema }}_audit"
                on-run-end:
                  - "insert into {{ target.schema }}_audit.runs values ('{{ project_name }}', '{{ invocation_id }}')"
                  - "{{ log('done') }}"
                  - "grant usage on schema {{ target.schema }} to role reporter"
                """);
        write("models/m.sql", "select '{{ invocation_id }}'");
        CompiledProject project = compile();
        assertThat(project.onRunStart()).containsExactly("create schema if not exists dbt_alice_audit");
        String invocation = model(project, "m").compiledSql().replace("select ", "").replace("'", "");
        // an empty rendering is no statement
        assertThat(project.onRunEnd()).containsExactly(
                "insert into dbt_alice_audit.runs values ('shop', '" + invocation + "')",
                "grant usage on schema dbt_alice to role reporter");
    }

    @Test
    void noProjectHooksMeansEmptyLists() throws Exception {
        CompiledProject project = compile();
        assertThat(project.onRunStart()).isEmpty();
        assertThat(project.onRunEnd()).isEmpty();
    }

    @Test
    void brokenProjectHookIsACompileError() throws Exception {
        write("dbt_project.yml", """
                name: shop
                on-run-end: "select {{ undefined_in_hook.attr }}"
                """);
        CompileException e = compileFails();
        assertThat(e.getMessage()).contains("dbt_project.yml").contains("on-run-end").contains("undefined_in_hook");
    }

    @Test
    void datesPrintAsPythonPrintsThem() throws Exception {
        String sql = sqlOf("m", "select '{{ run_started_at }}' as r, '{{ modules.datetime.date.today() }}' as d, "
                + "'{{ run_started_at.isoformat() }}' as i");
        // aware UTC datetime, microseconds, offset; a date alone; isoformat with its T and time
        assertThat(sql).matches("(?s)select '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\+00:00' as r, "
                + "'\\d{4}-\\d{2}-\\d{2}' as d, '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}.*Z?' as i");
    }
}
