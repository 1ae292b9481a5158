package org.sqlwarehouse.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.sqlwarehouse.testing.ProjectFiles;

/**
 * A synthetic dbt project of N models for the benchmarks, the same for the same (models, seed).
 *
 * <p>Shape: three CSV seeds and one declared source table ({@value #SOURCE_SCHEMA}.{@value #SOURCE_TABLE},
 * which the benchmark creates); about 10% staging views over them (models/staging/&lt;input&gt;/),
 * about 60% intermediate tables (models/intermediate/&lt;domain&gt;/) and 30% mart tables
 * (models/marts/&lt;area&gt;/), materializations and tags set by folder in dbt_project.yml. Every
 * intermediate and mart model refs 1 to 4 earlier models (fan-in), picked so that some early models
 * are read by many (fan-out) and chains of recent ones give depth. About 20% of them are Jinja-heavy:
 * for-loops over their refs and over a list returned by a project macro, and calls of the macros in
 * macros/bench_macros.sql. Every model returns the same columns (id, grp, kind, amount, event_date)
 * with a unique id, so any model can read any other and row counts stay bounded (at most 200 rows).
 *
 * <p>Every model file starts with a {@code -- revision N} line: {@link #touch} changes it, which
 * changes the compiled SQL of that one model.
 */
public final class SyntheticProject {
    public static final String PROJECT_NAME = "bench";
    public static final String SOURCE_NAME = "raw";
    public static final String SOURCE_SCHEMA = "wh_bench_raw";
    public static final String SOURCE_TABLE = "events";
    /** Rows in every seed and in the source table. */
    public static final int ROWS = 200;

    static final String[] SEEDS = {"raw_customers", "raw_products", "raw_payments"};
    static final String[] KINDS = {"click", "view", "purchase", "refund"};
    private static final String[] INPUTS = {"events", "customers", "products", "payments"};
    private static final String[] DOMAINS = {"orders", "customers", "finance", "product", "marketing"};
    private static final String[] AREAS = {"core", "finance", "marketing"};
    private static final String COLUMNS = "id, grp, kind, amount, event_date";

    /** One generated model. */
    public record Model(String name, String layer, String folder, String materialized, List<String> refs,
            String input, boolean jinja, int template) {
        /** The file, relative to the project directory. */
        public String path() {
            return "models/" + folder + "/" + name + ".sql";
        }
    }

    private final int size;
    private final long seed;
    private final List<Model> models;
    private final Map<String, Model> byName;

    private SyntheticProject(int size, long seed, List<Model> models) {
        this.size = size;
        this.seed = seed;
        this.models = List.copyOf(models);
        Map<String, Model> m = new LinkedHashMap<>();
        models.forEach(x -> m.put(x.name(), x));
        this.byName = Collections.unmodifiableMap(m);
    }

    /** Writes the project into {@code dir} (which should be empty or absent) and returns its plan. */
    public static SyntheticProject write(Path dir, int models, long seed) throws IOException {
        SyntheticProject project = plan(models, seed);
        project.writeTo(dir);
        return project;
    }

    /** The plan of the project, without writing anything. */
    public static SyntheticProject plan(int models, long seed) {
        if (models < 5) {
            throw new IllegalArgumentException("a synthetic project needs at least 5 models, got " + models);
        }
        Random random = new Random(seed);
        int staging = Math.max(4, Math.round(models * 0.10f));
        int marts = Math.max(1, Math.round(models * 0.30f));
        int intermediate = models - staging - marts;
        if (intermediate < 0) {
            marts += intermediate;
            intermediate = 0;
        }
        List<Model> out = new ArrayList<>(models);
        for (int i = 0; i < staging; i++) {
            String input = INPUTS[i % INPUTS.length];
            String name = String.format(Locale.ROOT, "stg_%s_%05d", input, i);
            out.add(new Model(name, "staging", "staging/" + input, "view", List.of(), input, false, i));
        }
        for (int i = staging; i < models; i++) {
            boolean mart = i >= staging + intermediate;
            String name;
            String folder;
            if (mart) {
                String area = AREAS[i % AREAS.length];
                name = String.format(Locale.ROOT, "%s_%s_%05d", i % 2 == 0 ? "fct" : "dim", area, i);
                folder = "marts/" + area;
            } else {
                String domain = DOMAINS[i % DOMAINS.length];
                name = String.format(Locale.ROOT, "int_%s_%05d", domain, i);
                folder = "intermediate/" + domain;
            }
            int fanIn = 1 + random.nextInt(4);
            Set<String> refs = new LinkedHashSet<>();
            for (int attempt = 0; refs.size() < fanIn && attempt < 20; attempt++) {
                refs.add(out.get(pick(random, i)).name());
            }
            boolean jinja = random.nextDouble() < 0.20;
            int template = random.nextInt(2);
            out.add(new Model(name, mart ? "mart" : "intermediate", folder, "table", List.copyOf(refs), null, jinja,
                    template));
        }
        return new SyntheticProject(models, seed, out);
    }

    /**
     * An earlier model's index: a third of the picks among the first models (a few hubs read by
     * many), a quarter among the 20 most recent (chains, depth), the rest uniform.
     */
    private static int pick(Random random, int before) {
        double u = random.nextDouble();
        if (u < 0.33) {
            double v = random.nextDouble();
            return (int) (before * v * v * v);
        }
        if (u < 0.58) {
            int window = Math.min(20, before);
            return before - 1 - random.nextInt(window);
        }
        return random.nextInt(before);
    }

    public int size() {
        return size;
    }

    public long seed() {
        return seed;
    }

    public List<Model> models() {
        return models;
    }

    public Model model(String name) {
        return byName.get(name);
    }

    /** How many models are Jinja-heavy: for-loops over refs and macro results, calls of project macros. */
    public long jinjaModels() {
        return models.stream().filter(Model::jinja).count();
    }

    /** How many models call a project macro at all (the Jinja-heavy ones and most staging views). */
    public long macroModels() {
        return models.stream().filter(m -> m.jinja() || (m.input() != null && !"products".equals(m.input())))
                .count();
    }

    /** The model whose change the "one changed model" benchmark makes: the middle intermediate model. */
    public Model changeCandidate() {
        List<Model> intermediate = models.stream().filter(m -> m.layer().equals("intermediate")).toList();
        return intermediate.isEmpty() ? models.get(models.size() / 2) : intermediate.get(intermediate.size() / 2);
    }

    /** The models that read {@code name}, directly or not (not the model itself). */
    public Set<String> downstream(String name) {
        Map<String, List<String>> readers = new HashMap<>();
        for (Model m : models) {
            for (String r : m.refs()) {
                readers.computeIfAbsent(r, k -> new ArrayList<>()).add(m.name());
            }
        }
        Set<String> out = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(name));
        while (!todo.isEmpty()) {
            for (String reader : readers.getOrDefault(todo.pop(), List.of())) {
                if (out.add(reader)) {
                    todo.push(reader);
                }
            }
        }
        return out;
    }

    /** The length of the longest ref chain, counting models (staging = 1). */
    public int depth() {
        Map<String, Integer> depth = new HashMap<>();
        int max = 0;
        for (Model m : models) {
            int d = 1;
            for (String r : m.refs()) {
                d = Math.max(d, depth.get(r) + 1);
            }
            depth.put(m.name(), d);
            max = Math.max(max, d);
        }
        return max;
    }

    /** The most readers any one model has. */
    public int maxFanOut() {
        Map<String, Integer> readers = new HashMap<>();
        models.forEach(m -> m.refs().forEach(r -> readers.merge(r, 1, Integer::sum)));
        return readers.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    // ---- writing ----

    private void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        write(dir, "dbt_project.yml", dbtProjectYml());
        write(dir, "macros/bench_macros.sql", MACROS);
        write(dir, "models/staging/sources.yml", sourcesYml());
        write(dir, "models/marts/marts.yml", martsYml());
        Random random = new Random(seed ^ 0x5EED5EEDL);
        write(dir, "seeds/raw_customers.csv", customersCsv(random));
        write(dir, "seeds/raw_products.csv", productsCsv(random));
        write(dir, "seeds/raw_payments.csv", paymentsCsv(random));
        for (Model m : models) {
            write(dir, m.path(), sql(m, 0));
        }
    }

    /** Rewrites one model with another revision line: its compiled SQL changes, nothing else. */
    public void touch(Path dir, String modelName, int revision) throws IOException {
        Model m = byName.get(modelName);
        if (m == null) {
            throw new IllegalArgumentException("no model " + modelName);
        }
        write(dir, m.path(), sql(m, revision));
    }

    private static void write(Path dir, String relative, String content) throws IOException {
        ProjectFiles.write(dir, relative, content);
    }

    private static String dbtProjectYml() {
        return """
                name: bench
                version: '1.0.0'
                config-version: 2

                model-paths: [models]
                seed-paths: [seeds]
                macro-paths: [macros]

                vars:
                  start_date: '2000-01-01'
                  amount_floor: -1000000

                models:
                  bench:
                    +materialized: view
                    staging:
                      +materialized: view
                      +tags: [staging]
                    intermediate:
                      +materialized: table
                      +tags: [intermediate]
                      finance:
                        +tags: [intermediate, finance]
                    marts:
                      +materialized: table
                      +tags: [mart]
                      finance:
                        +tags: [mart, finance]
                      marketing:
                        +tags: [mart, marketing]

                seeds:
                  bench:
                    +tags: [raw]
                    raw_payments:
                      +column_types:
                        method: varchar(20)
                """;
    }

    private static final String MACROS = """
            {% macro bench_kinds() %}
                {{ return(['click', 'view', 'purchase', 'refund']) }}
            {% endmacro %}

            {% macro cents_to_dollars(column_name, scale=2) -%}
                cast(round({{ column_name }} / 100.0, {{ scale }}) as numeric(18, 2))
            {%- endmacro %}

            {% macro bench_money(expression) -%}
                cast(round({{ expression }}, 2) as numeric(18, 2))
            {%- endmacro %}

            {% macro bench_amount_if(column_name, kind) -%}
                sum(case when kind = '{{ kind }}' then {{ column_name }} else 0 end)
            {%- endmacro %}

            {% macro bench_kind_case(id_column) -%}
                case
                {%- for k in bench_kinds() %}
                    when {{ id_column }} % {{ bench_kinds() | length }} = {{ loop.index0 }} then '{{ k }}'
                {%- endfor %}
                end
            {%- endmacro %}
            """;

    private static String sourcesYml() {
        return "version: 2\n\nsources:\n  - name: " + SOURCE_NAME + "\n    schema: " + SOURCE_SCHEMA + "\n"
                + "    tables:\n      - name: " + SOURCE_TABLE + "\n        description: raw events, created by the"
                + " benchmark\n";
    }

    private String martsYml() {
        StringBuilder b = new StringBuilder("version: 2\n\nmodels:\n");
        models.stream().filter(m -> m.layer().equals("mart")).limit(25).forEach(m -> b.append("  - name: ")
                .append(m.name()).append("\n    description: mart ").append(m.name()).append("\n    columns:\n"
                        + "      - name: id\n        description: the key\n      - name: amount\n"));
        return b.toString();
    }

    // ---- model SQL ----

    String sql(Model m, int revision) {
        String head = "-- revision " + revision + "\n";
        return head + switch (m.layer()) {
            case "staging" -> staging(m);
            default -> m.jinja() ? (m.template() == 0 ? jinjaPivot(m) : jinjaMacros(m))
                    : m.refs().size() > 1 && m.template() == 1 ? aggregate(m) : join(m);
        };
    }

    private static String staging(Model m) {
        int modulus = 7 + m.template() % 13;
        return switch (m.input()) {
            case "events" -> """
                    select
                        cast(id as bigint) as id,
                        cast(customer_id %% 10 as integer) as grp,
                        cast(kind as varchar(20)) as kind,
                        {{ cents_to_dollars('amount_cents') }} as amount,
                        cast(occurred_at as date) as event_date
                    from {{ source('raw', 'events') }}
                    where id %% %d <> 0
                    """.formatted(modulus);
            case "customers" -> """
                    select
                        cast(id as bigint) as id,
                        cast(id %% 10 as integer) as grp,
                        cast({{ bench_kind_case('id') }} as varchar(20)) as kind,
                        cast(id * 1.5 as numeric(18, 2)) as amount,
                        cast(signup_date as date) as event_date
                    from {{ ref('raw_customers') }}
                    where region <> 'region_%d'
                    """.formatted(modulus);
            case "products" -> """
                    select
                        cast(id as bigint) as id,
                        cast(id %% 7 as integer) as grp,
                        cast(category as varchar(20)) as kind,
                        cast(price_cents / 100.0 as numeric(18, 2)) as amount,
                        cast('{{ var("start_date") }}' as date) as event_date
                    from {{ ref('raw_products') }}
                    where id %% %d <> 3
                    """.formatted(modulus);
            default -> """
                    select
                        cast(id as bigint) as id,
                        cast(order_id %% 10 as integer) as grp,
                        cast(method as varchar(20)) as kind,
                        {{ cents_to_dollars('amount_cents') }} as amount,
                        cast(paid_at as date) as event_date
                    from {{ ref('raw_payments') }}
                    where id %% %d <> 5
                    """.formatted(modulus);
        };
    }

    /** r0 left-joined with the others on id: the rows of r0, amounts averaged. */
    private static String join(Model m) {
        List<String> refs = m.refs();
        StringBuilder amount = new StringBuilder("r0.amount");
        StringBuilder kind = new StringBuilder();
        StringBuilder date = new StringBuilder("r0.event_date");
        for (int i = 1; i < refs.size(); i++) {
            amount.append(" + coalesce(r").append(i).append(".amount, r0.amount)");
            kind.append("r").append(i).append(".kind, ");
            date.append(", coalesce(r").append(i).append(".event_date, r0.event_date)");
        }
        StringBuilder b = new StringBuilder();
        b.append("select\n    r0.id,\n    r0.grp,\n");
        b.append("    coalesce(").append(kind).append("r0.kind) as kind,\n");
        b.append("    cast(round((").append(amount).append(") / ").append(refs.size())
                .append(", 2) as numeric(18, 2)) as amount,\n");
        b.append(refs.size() == 1 ? "    r0.event_date as event_date\n"
                : "    greatest(" + date + ") as event_date\n");
        b.append("from {{ ref('").append(refs.get(0)).append("') }} as r0\n");
        for (int i = 1; i < refs.size(); i++) {
            b.append("left join {{ ref('").append(refs.get(i)).append("') }} as r").append(i)
                    .append(" on r").append(i).append(".id = r0.id\n");
        }
        b.append("where r0.event_date >= cast('{{ var(\"start_date\") }}' as date)\n");
        return b.toString();
    }

    /** The union of the refs, grouped by id. */
    private static String aggregate(Model m) {
        StringBuilder b = new StringBuilder();
        b.append("select\n    id,\n    min(grp) as grp,\n    max(kind) as kind,\n"
                + "    cast(round(avg(amount), 2) as numeric(18, 2)) as amount,\n    max(event_date) as event_date\n"
                + "from (\n");
        for (int i = 0; i < m.refs().size(); i++) {
            if (i > 0) {
                b.append("    union all\n");
            }
            b.append("    select ").append(COLUMNS).append(" from {{ ref('").append(m.refs().get(i)).append("') }}\n");
        }
        b.append(") as unioned\nwhere amount > {{ var('amount_floor') }}\ngroup by id\n");
        return b.toString();
    }

    private static String refList(Model m) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < m.refs().size(); i++) {
            b.append(i == 0 ? "" : ", ").append('\'').append(m.refs().get(i)).append('\'');
        }
        return b.append(']').toString();
    }

    /** Loops over the refs and over the kinds a macro returns: a union pivoted per kind. */
    private static String jinjaPivot(Model m) {
        return """
                {{ config(tags=['jinja']) }}
                {%- set inputs = REFS %}
                {%- set kinds = bench_kinds() %}
                with unioned as (
                {%- for m in inputs %}
                    select id, grp, kind, amount, event_date from {{ ref(m) }}
                    {%- if not loop.last %}
                    union all
                    {%- endif %}
                {%- endfor %}
                ),
                pivoted as (
                    select
                        id,
                        min(grp) as grp,
                        max(kind) as kind,
                        {%- for k in kinds %}
                        {{ bench_amount_if('amount', k) }} as amount_{{ k }},
                        {%- endfor %}
                        max(event_date) as event_date
                    from unioned
                    group by id
                )
                select
                    id,
                    grp,
                    kind,
                    cast(round(({% for k in kinds %}amount_{{ k }}{% if not loop.last %} + {% endif %}{% endfor %}) / {{ kinds | length }}, 2) as numeric(18, 2)) as amount,
                    event_date
                from pivoted
                """.replace("REFS", refList(m));
    }

    /** Macro calls inside a loop over the refs, with an if on the target. */
    private static String jinjaMacros(Model m) {
        return """
                {{ config(materialized='table') }}
                {%- set inputs = REFS %}
                select
                    r0.id,
                    r0.grp,
                    {% if target.type == 'postgres' %}r0.kind{% else %}cast(r0.kind as varchar(20)){% endif %} as kind,
                    {{ bench_money('r0.amount') }} as amount,
                    r0.event_date
                from {{ ref(inputs[0]) }} as r0
                {%- for name in inputs[1:] %}
                left join {{ ref(name) }} as r{{ loop.index }}
                    on r{{ loop.index }}.id = r0.id
                    and r{{ loop.index }}.amount > {{ var('amount_floor') }}
                {%- endfor %}
                where r0.event_date >= cast('{{ var("start_date") }}' as date)
                """.replace("REFS", refList(m));
    }

    // ---- seeds and the source ----

    private static String customersCsv(Random random) {
        StringBuilder b = new StringBuilder("id,name,region,signup_date\n");
        for (int id = 1; id <= ROWS; id++) {
            b.append(id).append(",customer ").append(id).append(",region_").append(random.nextInt(20)).append(',')
                    .append(date(random)).append('\n');
        }
        return b.toString();
    }

    private static String productsCsv(Random random) {
        StringBuilder b = new StringBuilder("id,sku,category,price_cents\n");
        for (int id = 1; id <= ROWS; id++) {
            b.append(id).append(",SKU-").append(10000 + id).append(',').append(KINDS[random.nextInt(KINDS.length)])
                    .append(',').append(100 + random.nextInt(100000)).append('\n');
        }
        return b.toString();
    }

    private static String paymentsCsv(Random random) {
        StringBuilder b = new StringBuilder("id,order_id,method,amount_cents,paid_at\n");
        String[] methods = {"card", "bank", "voucher", "cash"};
        for (int id = 1; id <= ROWS; id++) {
            b.append(id).append(',').append(1 + random.nextInt(1000)).append(',')
                    .append(methods[random.nextInt(methods.length)]).append(',').append(random.nextInt(500000))
                    .append(',').append(date(random)).append(String.format(Locale.ROOT, " %02d:%02d:%02d",
                            random.nextInt(24), random.nextInt(60), random.nextInt(60))).append('\n');
        }
        return b.toString();
    }

    private static String date(Random random) {
        return String.format(Locale.ROOT, "20%02d-%02d-%02d", 15 + random.nextInt(10), 1 + random.nextInt(12),
                1 + random.nextInt(28));
    }

    /**
     * SQL that (re)creates the declared source table with {@value #ROWS} rows; runs on PostgreSQL and
     * DuckDB.
     */
    public static List<String> sourceTableSql() {
        String table = "\"" + SOURCE_SCHEMA + "\".\"" + SOURCE_TABLE + "\"";
        StringBuilder insert = new StringBuilder("insert into " + table + " values ");
        Random random = new Random(42);
        for (int id = 1; id <= ROWS; id++) {
            insert.append(id == 1 ? "" : ", ").append('(').append(id).append(", ").append(1 + random.nextInt(100))
                    .append(", '").append(KINDS[random.nextInt(KINDS.length)]).append("', ")
                    .append(random.nextInt(100000)).append(", timestamp '").append(date(random)).append(" 12:00:00')");
        }
        return List.of("create schema if not exists \"" + SOURCE_SCHEMA + "\"",
                "drop table if exists " + table,
                "create table " + table + " (id integer, customer_id integer, kind varchar(20), amount_cents integer,"
                        + " occurred_at timestamp)",
                insert.toString());
    }

    /**
     * For the psql floor: statements creating and loading the seeds into {@code schema} with COPY
     * from inline data, as psql runs them ({@code -f}).
     */
    public String seedsPsql(Path dir, String schema) throws IOException {
        Map<String, String> ddl = Map.of(
                "raw_customers", "(id integer, name text, region text, signup_date date)",
                "raw_products", "(id integer, sku text, category text, price_cents integer)",
                "raw_payments", "(id integer, order_id integer, method varchar(20), amount_cents integer,"
                        + " paid_at timestamp)");
        StringBuilder b = new StringBuilder();
        for (String s : SEEDS) {
            String table = "\"" + schema + "\".\"" + s + "\"";
            b.append("create table ").append(table).append(' ').append(ddl.get(s)).append(";\n");
            b.append("copy ").append(table).append(" from stdin with (format csv, header true);\n");
            b.append(Files.readString(dir.resolve("seeds/" + s + ".csv"), StandardCharsets.UTF_8));
            b.append("\\.\n");
        }
        return b.toString();
    }
}
