package org.sqlwarehouse.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.DuckDbDialect;
import org.sqlwarehouse.dialect.PostgresDialect;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.project.DbtProject;
import org.sqlwarehouse.project.ProjectLoader;
import org.sqlwarehouse.testing.ProjectFiles;
import org.sqlwarehouse.testing.TestDatabase;

/**
 * dbt's cross-database macros in the dbt namespace: the SQL each renders on DuckDB and PostgreSQL,
 * that SQL run on both, and a root project's override through its dispatch config.
 */
class CrossDbMacrosTest {
    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        write("dbt_project.yml", "name: shop\n");
    }

    private void write(String relative, String content) throws IOException {
        ProjectFiles.write(dir, relative, content);
    }

    private CompiledProject compile(String type) throws WarehouseException {
        ResolvedTarget target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type(type).path("x.duckdb")
                .build(), "dbt_", "alice", null);
        Dialect dialect = "postgres".equals(type) ? new PostgresDialect() : new DuckDbDialect();
        DbtProject project = ProjectLoader.load(dir, "fallback");
        return new ProjectCompiler().compile(project, new CompileSettings(target, dialect, Map.of(), Map.of()));
    }

    /** Each template as a model of its own name, compiled once for the adapter: name to SQL. */
    private Map<String, String> render(Map<String, String> templates, String type) throws Exception {
        for (Map.Entry<String, String> t : templates.entrySet()) {
            write("models/" + t.getKey() + ".sql", t.getValue());
        }
        CompiledProject compiled = compile(type);
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : templates.keySet()) {
            out.put(name, compiled.nodes().get("model.shop." + name).compiledSql().strip());
        }
        return out;
    }

    private String render(String template, String type) throws Exception {
        return render(Map.of("m", template), type).get("m");
    }

    // ---- the SQL they render ----

    @Test
    void typesRenderEachAdaptersName() throws Exception {
        String types = "{{ dbt.type_string() }} {{ dbt.type_int() }} {{ dbt.type_bigint() }} {{ dbt.type_float() }}"
                + " {{ dbt.type_numeric() }} {{ dbt.type_timestamp() }} {{ dbt.type_boolean() }}";
        assertThat(render(types, "duckdb"))
                .isEqualTo("varchar integer bigint double numeric(28,6) timestamp boolean");
        assertThat(render(types, "postgres"))
                .isEqualTo("text integer bigint float numeric(28,6) timestamp without time zone boolean");
    }

    @Test
    void eachMacroIsReachedAsDbtDotBareAndThroughDispatch() throws Exception {
        assertThat(render("{{ dbt.type_string() }}|{{ type_string() }}|{{ adapter.dispatch('type_string', 'dbt')() }}",
                "duckdb")).isEqualTo("varchar|varchar|varchar");
    }

    @Test
    void datesRender() throws Exception {
        assertThat(render("{{ dbt.dateadd('day', 3, 'd') }}", "duckdb")).isEqualTo("d + ((interval '1 day') * (3))");
        assertThat(render("{{ dbt.dateadd('quarter', 1, 'd') }}", "postgres"))
                .isEqualTo("d + ((interval '3 month') * (1))");
        assertThat(render("{{ dbt.date_trunc('month', 'd') }}", "postgres")).isEqualTo("date_trunc('month', d)");
        assertThat(render("{{ dbt.datediff('a', 'b', 'month') }}", "duckdb"))
                .isEqualTo("date_diff('month', cast(a as timestamp), cast(b as timestamp))");
        assertThat(render("{{ dbt.datediff('a', 'b', 'year') }}", "postgres")).isEqualTo(
                "cast((date_part('year', cast(b as timestamp)) - date_part('year', cast(a as timestamp))) as bigint)");
        assertThat(render("{{ dbt.current_timestamp() }}", "postgres")).isEqualTo("now()");
        assertThat(render("{{ dbt.last_day('d', 'month') }}", "duckdb")).isEqualTo(
                "cast(date_trunc('month', d) + ((interval '1 month') * (1)) + ((interval '1 day') * (-1)) as date)");
    }

    @Test
    void stringsAndAggregatesRender() throws Exception {
        assertThat(render("{{ dbt.concat(['a', \"'-'\", 'b']) }}", "duckdb")).isEqualTo("a || '-' || b");
        assertThat(render("{{ dbt.hash('x') }}", "duckdb")).isEqualTo("md5(cast(x as varchar))");
        assertThat(render("{{ dbt.hash('x') }}", "postgres")).isEqualTo("md5(cast(x as text))");
        assertThat(render("{{ dbt.split_part('s', \"','\", 2) }}", "postgres")).isEqualTo("split_part(s, ',', 2)");
        assertThat(render("{{ dbt.replace('f', \"'a'\", \"'b'\") }}", "postgres")).isEqualTo("replace(f, 'a', 'b')");
        assertThat(render("{{ dbt.right('s', 2) }} {{ dbt.length('s') }} {{ dbt.position(\"'b'\", 's') }}",
                "postgres")).isEqualTo("right(s, 2) length(s) position('b' in s)");
        assertThat(render("{{ dbt.string_literal('hi') }} {{ dbt.escape_single_quotes(\"it's\") }}", "duckdb"))
                .isEqualTo("'hi' it''s");
        assertThat(render("{{ dbt.safe_cast('x', dbt.type_int()) }}", "duckdb")).isEqualTo("try_cast(x as integer)");
        assertThat(render("{{ dbt.safe_cast('x', dbt.type_int()) }}", "postgres")).isEqualTo("cast(x as integer)");
        assertThat(render("{{ dbt.cast_bool_to_text('b') }}", "postgres")).isEqualTo("cast(b as text)");
        assertThat(render("{{ dbt.listagg('v', \"','\", 'order by v') }}", "postgres"))
                .isEqualTo("string_agg(v, ',' order by v)");
        assertThat(render("{{ dbt.listagg('v', \"','\", 'order by v', 2) }}", "duckdb"))
                .isEqualTo("array_to_string(list_slice(list(v order by v), 1, 2), ',')");
        assertThat(render("{{ dbt.listagg('v', \"','\", 'order by v', 2) }}", "postgres"))
                .isEqualTo("array_to_string((array_agg(v order by v))[1:2], ',')");
        assertThat(render("{{ dbt.any_value('x') }}", "duckdb")).isEqualTo("any_value(x)");
        assertThat(render("{{ dbt.any_value('x') }}", "postgres")).isEqualTo("min(x)");
        assertThat(render("{{ dbt.bool_or('x') }} {{ dbt.except() }} {{ dbt.intersect() }}", "postgres"))
                .isEqualTo("bool_or(x) except intersect");
    }

    // ---- the SQL they render, run ----

    /** Queries whose single value, as text, is the expected one on both databases. */
    private static Map<String, String[]> queries() {
        Map<String, String[]> q = new LinkedHashMap<>();
        q.put("dateadd", new String[] {
            "select cast(cast({{ dbt.dateadd('day', 3, \"cast('2024-01-30' as date)\") }} as date) as text)",
            "2024-02-02"});
        q.put("dateadd_month", new String[] {
            "select cast(cast({{ dbt.dateadd('month', -1, \"cast('2024-03-15' as date)\") }} as date) as text)",
            "2024-02-15"});
        q.put("datediff_month", new String[] {
            "select cast({{ dbt.datediff(\"'2024-01-31'\", \"'2024-02-01'\", 'month') }} as text)", "1"});
        q.put("datediff_day", new String[] {
            "select cast({{ dbt.datediff(\"'2024-01-31 23:00'\", \"'2024-02-02 01:00'\", 'day') }} as text)", "2"});
        q.put("datediff_year", new String[] {
            "select cast({{ dbt.datediff(\"'2023-12-31'\", \"'2024-01-01'\", 'year') }} as text)", "1"});
        q.put("datediff_quarter", new String[] {
            "select cast({{ dbt.datediff(\"'2023-12-31'\", \"'2024-04-01'\", 'quarter') }} as text)", "2"});
        q.put("datediff_week", new String[] {
            // a Saturday to the Sunday after it crosses one week boundary
            "select cast({{ dbt.datediff(\"'2024-01-06'\", \"'2024-01-07'\", 'week') }} as text)", "1"});
        q.put("datediff_week_back", new String[] {
            "select cast({{ dbt.datediff(\"'2024-01-21'\", \"'2024-01-06'\", 'week') }} as text)", "-3"});
        q.put("datediff_hour", new String[] {
            "select cast({{ dbt.datediff(\"'2024-01-01 10:59'\", \"'2024-01-02 11:00'\", 'hour') }} as text)", "25"});
        q.put("datediff_minute", new String[] {
            "select cast({{ dbt.datediff(\"'2024-01-01 10:59:59'\", \"'2024-01-01 11:00:00'\", 'minute') }} as text)",
            "1"});
        q.put("datediff_second", new String[] {
            "select cast({{ dbt.datediff(\"'2024-01-01 10:59:59.9'\", \"'2024-01-01 11:00:01'\", 'second') }} as text)",
            "2"});
        q.put("date_trunc", new String[] {
            "select cast(cast({{ dbt.date_trunc('month', \"cast('2024-02-10' as date)\") }} as date) as text)",
            "2024-02-01"});
        q.put("last_day", new String[] {
            "select cast({{ dbt.last_day(\"cast('2024-02-10' as date)\", 'month') }} as text)", "2024-02-29"});
        q.put("last_day_quarter", new String[] {
            "select cast({{ dbt.last_day(\"cast('2024-02-10' as date)\", 'quarter') }} as text)", "2024-03-31"});
        q.put("current_timestamp", new String[] {
            "select cast({{ dbt.current_timestamp() }} is not null as text)", "true"});
        q.put("concat", new String[] {"select {{ dbt.concat([\"'a'\", \"'-'\", \"'b'\"]) }}", "a-b"});
        q.put("hash", new String[] {"select {{ dbt.hash(\"'x'\") }}", "9dd4e461268c8034f5c8564e155c67a6"});
        q.put("split_part", new String[] {"select {{ dbt.split_part(\"'a,b,c'\", \"','\", 2) }}", "b"});
        q.put("split_part_last", new String[] {"select {{ dbt.split_part(\"'a,b,c'\", \"','\", -1) }}", "c"});
        q.put("split_part_second_last", new String[] {
            "select {{ dbt.split_part(\"'a--b--c'\", \"'--'\", -2) }}", "b"});
        q.put("replace", new String[] {"select {{ dbt.replace(\"'a-b-c'\", \"'-'\", \"'+'\") }}", "a+b+c"});
        q.put("right", new String[] {"select {{ dbt.right(\"'abcdef'\", 2) }}", "ef"});
        q.put("length", new String[] {"select cast({{ dbt.length(\"'abcdef'\") }} as text)", "6"});
        q.put("position", new String[] {"select cast({{ dbt.position(\"'cd'\", \"'abcdef'\") }} as text)", "3"});
        q.put("string_literal", new String[] {"select {{ dbt.string_literal('hello') }}", "hello"});
        q.put("escape_single_quotes", new String[] {"select '{{ dbt.escape_single_quotes(\"it's\") }}'", "it's"});
        q.put("safe_cast", new String[] {"select cast({{ dbt.safe_cast(\"'42'\", dbt.type_int()) }} + 1 as text)",
            "43"});
        q.put("cast_bool_to_text", new String[] {"select {{ dbt.cast_bool_to_text('1 = 1') }}", "true"});
        q.put("listagg", new String[] {
            "select {{ dbt.listagg('v', \"','\", 'order by v desc') }} from (values ('a'), ('c'), ('b')) as t(v)",
            "c,b,a"});
        q.put("listagg_limit", new String[] {
            "select {{ dbt.listagg('v', \"'|'\", 'order by v', 2) }} from (values ('a'), ('c'), ('b')) as t(v)",
            "a|b"});
        q.put("any_value", new String[] {"select {{ dbt.any_value('v') }} from (values ('a'), ('a')) as t(v)", "a"});
        q.put("bool_or", new String[] {
            "select cast({{ dbt.bool_or('v') }} as text) from (values (false), (true)) as t(v)", "true"});
        q.put("except", new String[] {
            "select cast(count(*) as text) from (select 1 as x union all select 2 {{ dbt.except() }} select 2) s",
            "1"});
        q.put("intersect", new String[] {
            "select cast(max(x) as text) from (select 1 as x union all select 2 {{ dbt.intersect() }} select 2) s",
            "2"});
        q.put("types", new String[] {
            "select cast(cast('1.5' as {{ dbt.type_float() }}) + cast('2' as {{ dbt.type_int() }})"
                    + " + cast('3' as {{ dbt.type_bigint() }}) + cast('0.25' as {{ dbt.type_numeric() }}) as text)"
                    + " || cast(cast('true' as {{ dbt.type_boolean() }}) as {{ dbt.type_string() }})"
                    + " || cast(cast('2024-01-02 03:04:05' as {{ dbt.type_timestamp() }}) as {{ dbt.type_string() }})",
            "6.75true2024-01-02 03:04:05"});
        q.put("arrays", new String[] {
            "select array_to_string({{ dbt.array_concat(dbt.array_append(dbt.array_construct([1, 2]), 3),"
                    + " dbt.array_construct([4])) }}, ',') || '|' || array_to_string({{ dbt.array_construct([]) }}, ',')",
            "1,2,3,4|"});
        q.put("array_element", new String[] {
            "select cast(({{ dbt.array_append(dbt.array_construct(['5'], 'integer'), 7) }})[2] as text)", "7"});
        return q;
    }

    private void runsOn(String type, TestDatabase db) throws Exception {
        Map<String, String> templates = new LinkedHashMap<>();
        queries().forEach((name, q) -> templates.put(name, q[0]));
        Map<String, String> sql = render(templates, type);
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> actual = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> q : queries().entrySet()) {
            expected.put(q.getKey(), q.getValue()[1]);
            try {
                actual.put(q.getKey(), String.valueOf(db.value(sql.get(q.getKey()))));
            } catch (SQLException e) {
                actual.put(q.getKey(), "failed: " + sql.get(q.getKey()) + ": " + e.getMessage());
            }
        }
        assertThat(actual).as(type).isEqualTo(expected);
    }

    @Test
    void theirSqlRunsOnDuckDb() throws Exception {
        try (TestDatabase db = TestDatabase.duckdb(dir.resolve("run.duckdb").toFile())) {
            runsOn("duckdb", db);
            // try_cast: a value that does not convert is null
            assertThat(db.value(render("select {{ dbt.safe_cast(\"'x'\", dbt.type_int()) }}", "duckdb"))).isNull();
        }
    }

    @Test
    void theirSqlRunsOnPostgres() throws Exception {
        assumeTrue(TestDatabase.postgresEnabled(), "PostgreSQL is not reachable");
        try (TestDatabase db = TestDatabase.postgres()) {
            runsOn("postgres", db);
            // dbt's safe_cast on PostgreSQL is its default, a plain cast: a value that does not convert fails
            String sql = render("select {{ dbt.safe_cast(\"'x'\", dbt.type_int()) }}", "postgres");
            assertThat(catchThrowable(() -> db.value(sql))).isInstanceOf(SQLException.class)
                    .hasMessageContaining("invalid input syntax");
        }
    }

    // ---- overriding ----

    @Test
    void theRootProjectOverridesDbtsMacroOnlyWhenItsDispatchConfigListsItForDbt() throws Exception {
        write("macros/types.sql", "{% macro duckdb__type_string() %}text{% endmacro %}");
        String template = "{{ dbt.type_string() }}|{{ adapter.dispatch('type_string', 'dbt')() }}";
        assertThat(render(template, "duckdb")).isEqualTo("varchar|varchar");

        write("dbt_project.yml", """
                name: shop
                dispatch:
                  - macro_namespace: dbt
                    search_order: [shop, dbt]
                """);
        assertThat(render(template, "duckdb")).isEqualTo("text|text");
        // and dbt's macros that call it see the override too
        assertThat(render("{{ dbt.hash('x') }}", "duckdb")).isEqualTo("md5(cast(x as text))");
        // the other adapter has no override: dbt's own
        assertThat(render(template, "postgres")).isEqualTo("text|text");
    }

    @Test
    void aPackageListedInTheSearchOrderForDbtOverridesToo() throws Exception {
        write("dbt_packages/shim/dbt_project.yml", "name: shim\n");
        write("dbt_packages/shim/macros/shim.sql",
                "{% macro default__any_value(expression) %}arbitrary({{ expression }}){% endmacro %}");
        assertThat(render("{{ dbt.any_value('x') }}", "postgres")).isEqualTo("min(x)");
        write("dbt_project.yml", """
                name: shop
                dispatch:
                  - macro_namespace: dbt
                    search_order: [shop, shim, dbt]
                """);
        // the package's default__ comes before dbt's postgres__: each package is searched whole in turn
        assertThat(render("{{ dbt.any_value('x') }} {{ any_value('y') }}", "postgres"))
                .isEqualTo("arbitrary(x) arbitrary(y)");
    }

    // ---- the globals dbt's macros and packages lean on ----

    @Test
    void executeFlagsAndTheShouldFunctions() throws Exception {
        assertThat(render("{{ execute }} {{ flags.FULL_REFRESH }} {{ flags.STORE_FAILURES }} {{ flags.WHICH }}"
                + " {{ should_full_refresh() }} {{ should_store_failures() }}", "duckdb"))
                .isEqualTo("True False False build False False");
        assertThat(render("{{ config(full_refresh=true, store_failures=true) }}{{ should_full_refresh() }}"
                + " {{ should_store_failures() }}", "duckdb")).isEqualTo("True True");

        write("models/m.sql", "{{ flags.FULL_REFRESH }} {{ should_full_refresh() }}");
        ResolvedTarget target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type("duckdb")
                .path("x.duckdb").build(), "dbt_", "alice", null);
        CompiledProject full = new ProjectCompiler().compile(ProjectLoader.load(dir, "fallback"),
                new CompileSettings(target, new DuckDbDialect(), Map.of(), Map.of()).withFullRefresh(true));
        assertThat(full.nodes().get("model.shop.m").compiledSql()).isEqualTo("True True");
    }

    @Test
    void modulesReIsPythonsReOnJavaRegex() throws Exception {
        assertThat(render("{{ modules.re.match('a(b+)', 'abbc').group(1) }}"
                + "|{{ modules.re.match('b', 'abc') is none }}"
                + "|{{ modules.re.search('b+', 'abbc').group() }}"
                + "|{{ modules.re.sub('[0-9]+', '#', 'a1b22c') }}"
                + "|{{ modules.re.sub('(\\w)=(\\w)', '\\\\2=\\\\1', 'a=b c=d') }}"
                + "|{{ modules.re.findall('[a-z]([0-9])', 'a1 b2 c') | join(',') }}"
                + "|{{ modules.re.search('SELECT', 'select 1', modules.re.IGNORECASE) is not none }}"
                + "|{{ modules.re.compile('(?P<word>[a-z]+)').search('12 ab').group('word') }}"
                + "|{{ modules.re.escape('a.b*') }}", "duckdb"))
                .isEqualTo("bb|True|bb|a#b#c|b=a d=c|1,2|True|ab|a\\.b\\*");
        // Python's group names may hold an underscore, Java's not
        assertThat(render("{{ modules.re.search('(?P<first_word>[a-z]+) (?P=first_word)', 'x ab ab')"
                + ".group('first_word') }}"
                + "|{{ modules.re.sub('(?P<the_x>x)', '[\\\\g<the_x>]', 'axb') }}", "duckdb"))
                .isEqualTo("ab|a[x]b");
    }
}
