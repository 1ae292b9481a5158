package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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

/**
 * dbt 1.8 unit tests: each is one query of its model over mock inputs, compared with the expected
 * rows; nothing is built. Checked in the results, in the database (which gets no relation) and in
 * the Surefire reports.
 */
abstract class UnitTestsContract extends DialectContract {
    private SafetyFixture.RecordingLog log;

    private Warehouse warehouse(Path project, boolean isProtected, boolean mavenSkipTests) {
        return warehouse(project, isProtected, mavenSkipTests, null, null);
    }

    private Warehouse warehouse(Path project, boolean isProtected, boolean mavenSkipTests, String select,
            String exclude) {
        TargetDefinition target = target(isProtected);
        log = new SafetyFixture.RecordingLog();
        return new Warehouse(WarehouseRequest.builder().projectDirectory(project).fallbackName("shop")
                .outputDirectory(project.resolve("target/warehouse")).declaredTargets(List.of(target))
                .explicitTarget(target.name()).explicitUser("tester").systemUserName("tester")
                .userHome(project.resolve("no-home")).lockTimeoutSeconds(30).projectVersion("1.0")
                .mavenSkipTests(mavenSkipTests).select(select).exclude(exclude)
                .environment(Map.of("SHOP_REGION", "eu")).log(log).build());
    }

    /** The source table, in a schema of this run's. */
    private void createPayments() throws Exception {
        db.execute("create schema if not exists " + schema + "_raw");
        db.execute("create table " + schema + "_raw.payments (id integer, order_id integer, amount_cents integer,"
                + " status varchar(20))");
    }

    /** Runs unit tests that must all pass; a failure shows each failed test's message. */
    private static List<NodeResult> allPass(Warehouse warehouse) throws Exception {
        try {
            return warehouse.unitTest(null);
        } catch (BuildFailedException e) {
            throw new AssertionError(e.getMessage() + ":\n" + String.join("\n", e.failures().stream()
                    .map(r -> r.displayName() + ": " + r.message() + "\n" + r.compiledCode()).toList()), e);
        }
    }

    private static Map<String, NodeResult> byName(List<NodeResult> results) {
        return results.stream().collect(Collectors.toMap(NodeResult::displayName, Function.identity()));
    }

    /** A small shop: a seed, a source, a staging model, a mart with a macro, a var and an env var. */
    private Path shop(String unitTests) throws Exception {
        Path project = tmp.resolve("shop");
        SafetyFixture.write(project, "dbt_project.yml", "name: shop\nvars:\n  min_amount: 10\n");
        SafetyFixture.write(project, "seeds/regions.csv", "region,label\neu,Europe\nus,Americas\n");
        SafetyFixture.write(project, "macros/cents.sql",
                "{% macro to_dollars(col) %}({{ col }} / 100.0){% endmacro %}\n"
                        + "{% macro shop_now() %}current_timestamp{% endmacro %}\n");
        SafetyFixture.write(project, "models/sources.yml", """
                version: 2
                sources:
                  - name: raw
                    schema: "{{ target.schema }}_raw"
                    tables:
                      - name: payments
                """);
        SafetyFixture.write(project, "models/stg_payments.sql",
                "select id, order_id, amount_cents, status from {{ source('raw', 'payments') }}\n");
        SafetyFixture.write(project, "models/order_totals.sql", """
                with paid as (
                    select p.order_id, sum({{ to_dollars('p.amount_cents') }}) as total
                    from {{ ref('stg_payments') }} p
                    where p.status = 'paid'
                    group by p.order_id
                )
                select paid.order_id, paid.total, paid.total >= {{ var('min_amount') }} as is_large,
                       r.label as region_label
                from paid
                cross join {{ ref('regions') }} r
                where r.region = '{{ env_var('SHOP_REGION') }}'
                """);
        SafetyFixture.write(project, "models/unit_tests.yml", unitTests);
        return project;
    }

    private static final String PAYMENTS_ROWS = """
                  - input: ref('stg_payments')
                    rows:
                      - {order_id: 1, amount_cents: 1500, status: paid}
                      - {order_id: 1, amount_cents: 500, status: paid}
                      - {order_id: 2, amount_cents: 700, status: paid}
                      - {order_id: 3, amount_cents: 9900, status: refunded}
            """;

    /**
     * Dict rows for a ref, a seed read from its CSV when not given, an expected table compared
     * without regard to order; a wrong expectation fails with a diff of the rows. Nothing is built:
     * the source does not even exist, its columns come from the model's own SQL over empty inputs.
     */
    @Test
    void dictRowsPassAndAWrongExpectationFailsWithADiff() throws Exception {
        Path project = shop("""
                version: 2
                unit_tests:
                  - name: totals_in_dollars
                    model: order_totals
                    given:
                """ + PAYMENTS_ROWS + """
                    expect:
                      rows:
                        - {order_id: 2, total: 7.00, is_large: false, region_label: Europe}
                        - {order_id: 1, total: 20.00, is_large: true, region_label: Europe}
                  - name: wrong_total
                    model: order_totals
                    given:
                """ + PAYMENTS_ROWS + """
                    expect:
                      rows:
                        - {order_id: 1, total: 21}
                        - {order_id: 2, total: 7}
                """);
        createPayments();
        Warehouse warehouse = warehouse(project, false, false);
        BuildFailedException failed = (BuildFailedException) catchThrowable(() -> warehouse.unitTest(
                project.resolve("target/surefire-reports")));
        assertThat(failed).as("one unit test fails").isNotNull();
        Map<String, NodeResult> results = byName(failed.results());
        assertThat(results.get("order_totals.totals_in_dollars").status()).isEqualTo(NodeStatus.PASS);
        NodeResult wrong = results.get("order_totals.wrong_total");
        assertThat(wrong.status()).isEqualTo(NodeStatus.FAIL);
        assertThat(wrong.uniqueId()).isEqualTo("unit_test.shop.order_totals.wrong_total");
        assertThat(wrong.message()).contains("actual differs from expected")
                .containsPattern("(?m)^- 1 +\\| 21 *$").containsPattern("(?m)^\\+ 1 +\\| 20 *$")
                .containsPattern("(?m)^  2 +\\| 7 *$");
        assertThat(db.relations(schema)).as("a unit test builds nothing").isEmpty();

        Path report = project.resolve("target/surefire-reports/TEST-unit_test.shop.order_totals.xml");
        String xml = Files.readString(report);
        assertThat(xml).contains("tests=\"2\"").contains("failures=\"1\"").contains("errors=\"0\"")
                .contains("<testcase name=\"totals_in_dollars\" classname=\"unit_test.shop.order_totals\"")
                .contains("<failure message=\"actual differs from expected");
        assertThat(Files.readString(project.resolve("target/warehouse/run_results.json")))
                .contains("\"unit_test.shop.order_totals.wrong_total\"").contains("\"fail\"");
    }

    /**
     * csv rows (an empty cell is null), sql rows, a csv fixture file, and a source whose relation
     * does not exist: its columns are those of the mock rows.
     */
    @Test
    void csvSqlAndFixtureFileFormats() throws Exception {
        Path project = shop("""
                version: 2
                unit_tests:
                  - name: csv_and_sql
                    model: order_totals
                    given:
                      - input: ref('stg_payments')
                        format: csv
                        rows: |
                          id,order_id,amount_cents,status
                          1,1,1500,paid
                          2,1,,paid
                          3,2,2500,paid
                      - input: ref('regions')
                        format: sql
                        rows: |
                          select 'eu' as region, 'EU (mock)' as label
                    expect:
                      format: csv
                      fixture: expected_totals
                  - name: staging_from_source
                    model: stg_payments
                    given:
                      - input: source('raw', 'payments')
                        rows:
                          - {id: 1, order_id: 5, amount_cents: 100, status: paid}
                    expect:
                      rows:
                        - {id: 1, order_id: 5, amount_cents: 100, status: paid}
                """);
        SafetyFixture.write(project, "tests/fixtures/expected_totals.csv",
                "order_id,total,region_label\n1,15.00,EU (mock)\n2,25,EU (mock)\n");
        Map<String, NodeResult> results = byName(allPass(warehouse(project, false, false)));
        assertThat(results.get("order_totals.csv_and_sql").status()).as(results.get("order_totals.csv_and_sql")
                .message()).isEqualTo(NodeStatus.PASS);
        assertThat(results.get("stg_payments.staging_from_source").status())
                .as(results.get("stg_payments.staging_from_source").message()).isEqualTo(NodeStatus.PASS);
    }

    /**
     * overrides: macros (the project's bare and by namespace, dbt's bare and as dbt.x), a var, an env
     * var; an incremental model with is_incremental() true and false.
     */
    @Test
    void overridesAndIncrementalModels() throws Exception {
        Path project = shop("""
                version: 2
                unit_tests:
                  - name: overridden
                    model: order_totals
                    overrides:
                      vars: {min_amount: 5}
                      env_vars: {SHOP_REGION: us}
                      macros:
                        to_dollars: "1"
                    given:
                """ + PAYMENTS_ROWS + """
                    expect:
                      rows:
                        - {order_id: 1, total: 2, is_large: false, region_label: Americas}
                        - {order_id: 2, total: 1, is_large: false, region_label: Americas}
                  - name: frozen_clock
                    model: stamped
                    overrides:
                      macros:
                        current_timestamp: "cast('2024-01-01 10:00:00' as timestamp)"
                        shop.shop_now: "cast('2024-01-02' as date)"
                    expect:
                      rows: [{at_dbt: '2024-01-01 10:00:00', at_bare: '2024-01-01 10:00:00', at_project: '2024-01-02'}]
                  - name: full_load
                    model: new_payments
                    given:
                      - input: ref('stg_payments')
                        rows: [{id: 1, amount_cents: 10}, {id: 2, amount_cents: 20}]
                      - input: this
                        rows: [{id: 1, amount_cents: 10}]
                    expect:
                      rows: [{id: 1}, {id: 2}]
                  - name: incremental_load
                    model: new_payments
                    overrides:
                      macros: {is_incremental: true}
                    given:
                      - input: ref('stg_payments')
                        rows: [{id: 1, amount_cents: 10}, {id: 2, amount_cents: 20}]
                      - input: this
                        rows: [{id: 1, amount_cents: 10}]
                    expect:
                      rows: [{id: 2, amount_cents: 20}]
                """);
        SafetyFixture.write(project, "models/new_payments.sql", """
                {{ config(materialized='incremental', unique_key='id') }}
                select id, amount_cents from {{ ref('stg_payments') }}
                {% if is_incremental() %}
                where id > (select max(id) from {{ this }})
                {% endif %}
                """);
        SafetyFixture.write(project, "models/stamped.sql", "select {{ dbt.current_timestamp() }} as at_dbt,"
                + " {{ current_timestamp() }} as at_bare, {{ shop.shop_now() }} as at_project\n");
        Map<String, NodeResult> results = byName(allPass(warehouse(project, false, false)));
        results.values().forEach(r -> assertThat(r.status()).as(r.displayName() + ": " + r.message())
                .isEqualTo(NodeStatus.PASS));
        assertThat(results).hasSize(4);
        assertThat(results.get("new_payments.incremental_load").compiledCode()).contains("from __dbt__cte__this");
    }

    /** A column the input does not have, an input the test does not give: errors that say what to do. */
    @Test
    void setupMistakesAreErrorsThatSayWhatToDo() throws Exception {
        Path project = shop("""
                version: 2
                unit_tests:
                  - name: unknown_column
                    model: stg_payments
                    given:
                      - input: source('raw', 'payments')
                        rows: [{id: 1, amount: 3}]
                    expect:
                      rows: []
                  - name: missing_input
                    model: order_totals
                    given: []
                    expect:
                      rows: []
                """);
        createPayments();
        BuildFailedException failed = (BuildFailedException) catchThrowable(() -> warehouse(project, false, false)
                .unitTest(null));
        Map<String, NodeResult> results = byName(failed.results());
        assertThat(results.get("stg_payments.unknown_column").status()).isEqualTo(NodeStatus.ERROR);
        assertThat(results.get("stg_payments.unknown_column").message())
                .contains("Invalid column name: 'amount' in unit test fixture for 'raw.payments'");
        assertThat(results.get("order_totals.missing_input").message())
                .contains("reads ref('stg_payments'), which the unit test does not give");
    }

    /**
     * warehouse.select picks unit tests by their model (indirect), their name, their tags and
     * test_type:unit; exclude leaves one out.
     */
    @Test
    void selectionPicksUnitTestsByModelNameTagAndTestType() throws Exception {
        Path project = shop("""
                version: 2
                unit_tests:
                  - name: fast_one
                    model: stg_payments
                    config: {tags: [fast]}
                    given: [{input: "source('raw', 'payments')", rows: [{id: 1}]}]
                    expect: {rows: [{id: 1}]}
                  - name: slow_one
                    model: stg_payments
                    given: [{input: "source('raw', 'payments')", rows: [{id: 2}]}]
                    expect: {rows: [{id: 2}]}
                  - name: totals
                    model: order_totals
                    given:
                """ + PAYMENTS_ROWS + """
                    expect:
                      rows:
                        - {order_id: 1, total: 20}
                        - {order_id: 2, total: 7}
                """);
        createPayments();
        Function<Warehouse, List<String>> ran = w -> {
            try {
                return allPass(w).stream().map(NodeResult::displayName).sorted().toList();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        assertThat(ran.apply(warehouse(project, false, false, "order_totals", null)))
                .containsExactly("order_totals.totals");
        assertThat(ran.apply(warehouse(project, false, false, "tag:fast", null))).containsExactly("stg_payments.fast_one");
        assertThat(ran.apply(warehouse(project, false, false, "slow_one", null))).containsExactly("stg_payments.slow_one");
        assertThat(ran.apply(warehouse(project, false, false, "test_type:unit", "fast_one")))
                .containsExactly("order_totals.totals", "stg_payments.slow_one");
        assertThat(ran.apply(warehouse(project, false, false, "test_type:data", null))).isEmpty();
    }

    /** -DskipTests skips them on an unprotected target; on a protected one they still run. */
    @Test
    void skipTestsSkipsOnlyOnAnUnprotectedTarget() throws Exception {
        Path project = shop("""
                version: 2
                unit_tests:
                  - name: totals_in_dollars
                    model: order_totals
                    given:
                """ + PAYMENTS_ROWS + """
                    expect:
                      rows:
                        - {order_id: 1, total: 20}
                        - {order_id: 2, total: 7}
                """);
        assertThat(warehouse(project, false, true).unitTest(null)).isEmpty();
        List<NodeResult> onProtected = warehouse(project, true, true).unitTest(null);
        assertThat(onProtected).extracting(NodeResult::status).containsExactly(NodeStatus.PASS);
    }
}
