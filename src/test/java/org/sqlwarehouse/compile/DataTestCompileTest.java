package org.sqlwarehouse.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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

/** Data tests: generic tests from property files, custom generic tests and singular tests, compiled. */
class DataTestCompileTest {
    private static final String ORDERS = "\"dbt_alice\".\"orders\"";
    private static final String CUSTOMERS = "\"dbt_alice\".\"customers\"";

    @TempDir
    Path dir;

    private ResolvedTarget target;

    @BeforeEach
    void setUp() throws Exception {
        target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type("duckdb").path("x.duckdb").build(),
                "dbt_", "alice", null);
        write("dbt_project.yml", "name: shop\n");
        write("models/orders.sql", "select 1 as order_id, 1 as customer_id, 'placed' as status, 10 as amount");
        write("models/customers.sql", "select 1 as id");
    }

    private void write(String relative, String content) throws IOException {
        ProjectFiles.write(dir, relative, content);
    }

    private CompiledProject compile() throws WarehouseException {
        DbtProject project = ProjectLoader.load(dir, "fallback");
        return new ProjectCompiler().compile(project, new CompileSettings(target, new DuckDbDialect(), Map.of(),
                Map.of()));
    }

    private CompileException compileFails() {
        Throwable thrown = catchThrowable(this::compile);
        assertThat(thrown).isInstanceOf(CompileException.class);
        return (CompileException) thrown;
    }

    private static List<CompiledNode> tests(CompiledProject project) {
        return project.nodes().values().stream().filter(CompiledNode::isTest).toList();
    }

    /** The one test node of that name. */
    private static CompiledNode test(CompiledProject project, String name) {
        List<CompiledNode> found = tests(project).stream().filter(n -> n.name().equals(name)).toList();
        assertThat(found).as("test nodes named %s among %s", name,
                tests(project).stream().map(CompiledNode::name).toList()).hasSize(1);
        return found.get(0);
    }

    // ---- the built-in generic tests ----

    @Test
    void uniqueAndNotNullOnAColumn() throws Exception {
        write("models/schema.yml", """
                version: 2
                models:
                  - name: orders
                    columns:
                      - name: order_id
                        tests:
                          - unique
                          - not_null
                """);
        CompiledProject project = compile();
        assertThat(tests(project)).extracting(CompiledNode::name)
                .containsExactlyInAnyOrder("unique_orders_order_id", "not_null_orders_order_id");

        CompiledNode notNull = test(project, "not_null_orders_order_id");
        assertThat(notNull.resourceType()).isEqualTo(ResourceType.TEST);
        assertThat(notNull.materialized()).isEqualTo("test");
        assertThat(notNull.uniqueId()).startsWith("test.shop.not_null_orders_order_id.");
        assertThat(notNull.originalFilePath()).isEqualTo("models/schema.yml");
        assertThat(notNull.compiledPath()).isEqualTo("models/schema.yml/not_null_orders_order_id.sql");
        assertThat(notNull.fqn()).containsExactly("shop", "not_null_orders_order_id");
        assertThat(notNull.dependsOn()).containsExactly("model.shop.orders");
        assertThat(notNull.sources()).isEmpty();
        assertThat(notNull.relation().toString()).isEqualTo(ORDERS);
        assertThat(notNull.compiledSql()).isEqualTo("select order_id\nfrom " + ORDERS + "\nwhere order_id is null");

        CompiledNode unique = test(project, "unique_orders_order_id");
        assertThat(unique.compiledSql()).isEqualTo("select order_id as unique_field, count(*) as n_records\n"
                + "from " + ORDERS + "\nwhere order_id is not null\ngroup by order_id\nhaving count(*) > 1");
        assertThat(unique.dependsOn()).containsExactly("model.shop.orders");
        assertThat(unique.uniqueId()).isNotEqualTo(notNull.uniqueId());

        assertThat(project.dag().downstream("model.shop.orders"))
                .containsExactlyInAnyOrder(unique.uniqueId(), notNull.uniqueId());
    }

    @Test
    void dataTestsKeyAndTestsKeyBothCount() throws Exception {
        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: order_id
                        data_tests:
                          - not_null
                        tests:
                          - unique
                  - name: customers
                    columns:
                      - name: id
                        data_tests: [unique]
                """);
        assertThat(tests(compile())).extracting(CompiledNode::name).containsExactlyInAnyOrder(
                "not_null_orders_order_id", "unique_orders_order_id", "unique_customers_id");
    }

    @Test
    void acceptedValuesQuotesTheValues() throws Exception {
        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: status
                        data_tests:
                          - accepted_values:
                              values: ['placed', 'shipped', "it's"]
                """);
        CompiledNode test = test(compile(), "accepted_values_orders_status__placed__shipped__it_s");
        assertThat(test.compiledSql()).isEqualTo("""
                with all_values as (
                    select status as value_field, count(*) as n_records
                    from "dbt_alice"."orders"
                    group by status
                )
                select *
                from all_values
                where value_field not in ('placed', 'shipped', 'it''s')""");
        assertThat(test.dependsOn()).containsExactly("model.shop.orders");
    }

    @Test
    void acceptedValuesWithQuoteFalseLeavesThemBare() throws Exception {
        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: order_id
                        tests:
                          - accepted_values:
                              values: [1, 2]
                              quote: false
                """);
        List<CompiledNode> tests = tests(compile());
        assertThat(tests).hasSize(1);
        assertThat(tests.get(0).name()).startsWith("accepted_values_orders_order_id__");
        assertThat(tests.get(0).compiledSql()).endsWith("where value_field not in (1, 2)");
    }

    @Test
    void relationshipsDependsOnBothModels() throws Exception {
        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: customer_id
                        tests:
                          - relationships:
                              to: ref('customers')
                              field: id
                """);
        CompiledProject project = compile();
        List<CompiledNode> tests = tests(project);
        assertThat(tests).hasSize(1);
        CompiledNode test = tests.get(0);
        assertThat(test.name()).startsWith("relationships_orders_customer_id__");
        assertThat(test.dependsOn()).containsExactlyInAnyOrder("model.shop.orders", "model.shop.customers");
        assertThat(test.relation().toString()).isEqualTo(ORDERS);
        assertThat(test.compiledSql()).isEqualTo("""
                with child as (
                    select customer_id as from_field
                    from "dbt_alice"."orders"
                    where customer_id is not null
                ),
                parent as (
                    select id as to_field
                    from "dbt_alice"."customers"
                )
                select from_field
                from child
                left join parent on child.from_field = parent.to_field
                where parent.to_field is null""");
        assertThat(project.dag().upstream(test.uniqueId()))
                .containsExactlyInAnyOrder("model.shop.orders", "model.shop.customers");
    }

    @Test
    void relationshipsToAnAliasedModelUsesItsFinalRelation() throws Exception {
        write("models/customers.sql", "{{ config(alias='clients', schema='crm') }}select 1 as id");
        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: customer_id
                        tests:
                          - relationships: {to: "ref('customers')", field: id}
                """);
        CompiledNode test = tests(compile()).get(0);
        assertThat(test.compiledSql()).contains("from \"dbt_alice_crm\".\"clients\"");
    }

    @Test
    void relationshipsToAMissingModelIsACompileError() throws Exception {
        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: customer_id
                        tests:
                          - relationships:
                              to: ref('customres')
                              field: id
                """);
        CompileException e = compileFails();
        assertThat(e.getMessage()).contains("models/schema.yml").contains("ref('customres')")
                .contains("did you mean 'customers'?");
    }

    @Test
    void relationshipsToASourceListsTheSource() throws Exception {
        write("models/schema.yml", """
                sources:
                  - name: crm
                    tables:
                      - name: accounts
                models:
                  - name: orders
                    columns:
                      - name: customer_id
                        tests:
                          - relationships:
                              to: source('crm', 'accounts')
                              field: account_id
                """);
        CompiledNode test = tests(compile()).get(0);
        assertThat(test.sources()).containsExactly("crm.accounts");
        assertThat(test.dependsOn()).containsExactly("model.shop.orders");
        assertThat(test.compiledSql()).contains("select account_id as to_field\n    from \"crm\".\"accounts\"");
    }

    // ---- config ----

    @Test
    void severityAndWhereConfig() throws Exception {
        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: order_id
                        tests:
                          - not_null:
                              config:
                                severity: warn
                                where: "status != 'x'"
                          - unique:
                              where: "amount > 0"
                """);
        CompiledProject project = compile();
        CompiledNode notNull = test(project, "not_null_orders_order_id");
        assertThat(notNull.config()).containsEntry("severity", "warn").containsEntry("where", "status != 'x'");
        assertThat(notNull.compiledSql()).isEqualTo("select order_id\nfrom (select * from " + ORDERS
                + " where status != 'x') dbt_subquery\nwhere order_id is null");
        // the node still names what it tests
        assertThat(notNull.relation().getSchema()).isEqualTo("dbt_alice");
        assertThat(notNull.relation().getIdentifier()).isEqualTo("orders");

        CompiledNode unique = test(project, "unique_orders_order_id");
        assertThat(unique.config()).containsEntry("where", "amount > 0").doesNotContainKey("severity");
        assertThat(unique.compiledSql()).contains("from (select * from " + ORDERS + " where amount > 0) dbt_subquery");
    }

    @Test
    void dbt110ArgumentsForm() throws Exception {
        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: status
                        data_tests:
                          - accepted_values:
                              arguments:
                                values: [placed, shipped]
                              config:
                                severity: warn
                      - name: customer_id
                        data_tests:
                          - relationships:
                              arguments:
                                to: ref('customers')
                                field: id
                """);
        CompiledProject project = compile();
        CompiledNode accepted = test(project, "accepted_values_orders_status__placed__shipped");
        assertThat(accepted.config()).containsEntry("severity", "warn").doesNotContainKey("arguments");
        assertThat(accepted.compiledSql()).endsWith("where value_field not in ('placed', 'shipped')");
        CompiledNode relationships = tests(project).stream()
                .filter(n -> n.name().startsWith("relationships_")).findFirst().orElseThrow();
        assertThat(relationships.dependsOn()).containsExactlyInAnyOrder("model.shop.orders", "model.shop.customers");
        assertThat(relationships.compiledSql()).contains("from " + CUSTOMERS);
    }

    @Test
    void disabledTestIsLeftOut() throws Exception {
        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: order_id
                        tests:
                          - unique:
                              config:
                                enabled: false
                          - not_null
                """);
        assertThat(tests(compile())).extracting(CompiledNode::name).containsExactly("not_null_orders_order_id");
    }

    @Test
    void testsOnADisabledModelAreLeftOut() throws Exception {
        write("models/orders.sql", "{{ config(enabled=false) }}select 1 as order_id");
        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: order_id
                        tests: [not_null]
                """);
        assertThat(tests(compile())).isEmpty();
    }

    // ---- seeds and sources ----

    @Test
    void testOnASeedColumn() throws Exception {
        write("seeds/countries.csv", "code\nNL\n");
        write("seeds/seeds.yml", """
                seeds:
                  - name: countries
                    columns:
                      - name: code
                        tests: [not_null]
                """);
        CompiledNode test = test(compile(), "not_null_countries_code");
        assertThat(test.dependsOn()).containsExactly("seed.shop.countries");
        assertThat(test.compiledSql()).isEqualTo("select code\nfrom \"dbt_alice\".\"countries\"\nwhere code is null");
        assertThat(test.compiledPath()).isEqualTo("seeds/seeds.yml/not_null_countries_code.sql");
    }

    @Test
    void testOnASourceColumnReadsTheSourceRelation() throws Exception {
        write("models/sources.yml", """
                sources:
                  - name: raw
                    schema: raw_data
                    tables:
                      - name: orders
                        identifier: orders_v2
                        columns:
                          - name: id
                            tests: [not_null]
                """);
        List<CompiledNode> tests = tests(compile());
        assertThat(tests).hasSize(1);
        CompiledNode test = tests.get(0);
        assertThat(test.name()).contains("not_null").contains("raw_orders_id");
        assertThat(test.dependsOn()).isEmpty();
        assertThat(test.relation().toString()).isEqualTo("\"raw_data\".\"orders_v2\"");
        assertThat(test.compiledSql()).isEqualTo("select id\nfrom \"raw_data\".\"orders_v2\"\nwhere id is null");
    }

    // ---- custom generic tests ----

    @Test
    void customGenericTestFromMacrosFolder() throws Exception {
        write("macros/is_positive.sql", """
                {% test is_positive(model, column_name) %}
                select * from {{ model }} where {{ column_name }} <= 0
                {% endtest %}
                """);
        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: amount
                        tests: [is_positive]
                """);
        CompiledNode test = test(compile(), "is_positive_orders_amount");
        assertThat(test.compiledSql()).isEqualTo("select * from " + ORDERS + " where amount <= 0");
        assertThat(test.dependsOn()).containsExactly("model.shop.orders");
    }

    @Test
    void customGenericTestFromTestsGenericWithArgumentsAndDefaults() throws Exception {
        write("tests/generic/at_least.sql", """
                {%- test at_least(model, column_name, min_value=0) -%}
                select {{ column_name }} from {{ model }} where {{ column_name }} < {{ min_value }}
                {%- endtest -%}
                """);
        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: amount
                        tests:
                          - at_least
                      - name: order_id
                        tests:
                          - at_least:
                              min_value: 5
                """);
        CompiledProject project = compile();
        assertThat(test(project, "at_least_orders_amount").compiledSql())
                .isEqualTo("select amount from " + ORDERS + " where amount < 0");
        assertThat(test(project, "at_least_orders_order_id__5").compiledSql())
                .isEqualTo("select order_id from " + ORDERS + " where order_id < 5");
        // a generic test definition is not a singular test
        assertThat(project.nodes().keySet()).noneMatch(id -> id.equals("test.shop.at_least"));
    }

    @Test
    void modelLevelCustomGenericTestHasNoColumn() throws Exception {
        write("macros/tests.sql", """
                {% test expression_is_true(model, expression) %}
                select * from {{ model }} where not ({{ expression }})
                {% endtest %}
                """);
        write("models/schema.yml", """
                models:
                  - name: orders
                    tests:
                      - expression_is_true:
                          expression: "amount >= 0"
                """);
        List<CompiledNode> tests = tests(compile());
        assertThat(tests).hasSize(1);
        assertThat(tests.get(0).name()).startsWith("expression_is_true_orders_");
        assertThat(tests.get(0).compiledSql()).isEqualTo("select * from " + ORDERS + " where not (amount >= 0)");
        assertThat(tests.get(0).dependsOn()).containsExactly("model.shop.orders");
    }

    @Test
    void projectTestOverridesTheBuiltInOne() throws Exception {
        write("macros/not_null.sql", """
                {% test not_null(model, column_name) %}
                select count(*) from {{ model }} where {{ column_name }} is null having count(*) > 0
                {% endtest %}
                """);
        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: order_id
                        tests: [not_null]
                """);
        assertThat(test(compile(), "not_null_orders_order_id").compiledSql())
                .isEqualTo("select count(*) from " + ORDERS + " where order_id is null having count(*) > 0");
    }

    @Test
    void customGenericTestCanCallProjectMacrosAndRef() throws Exception {
        write("macros/helpers.sql", "{% macro positive(col) %}{{ col }} > 0{% endmacro %}\n");
        write("tests/generic/in_customers.sql", """
                {% test in_customers(model, column_name) %}
                select * from {{ model }} where {{ positive(column_name) }}
                and {{ column_name }} not in (select id from {{ ref('customers') }})
                {% endtest %}
                """);
        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: customer_id
                        tests: [in_customers]
                """);
        CompiledNode test = test(compile(), "in_customers_orders_customer_id");
        assertThat(test.compiledSql()).isEqualTo("select * from " + ORDERS + " where customer_id > 0\n"
                + "and customer_id not in (select id from " + CUSTOMERS + ")");
        assertThat(test.dependsOn()).containsExactlyInAnyOrder("model.shop.orders", "model.shop.customers");
    }

    // ---- singular tests ----

    @Test
    void singularTestDependsOnWhatItRefs() throws Exception {
        write("tests/assert_amount_positive.sql", "{{ config(severity='warn') }}\n"
                + "select * from {{ ref('orders') }} o\njoin {{ ref('customers') }} c on o.customer_id = c.id\n"
                + "where amount < 0");
        CompiledProject project = compile();
        CompiledNode test = project.nodes().get("test.shop.assert_amount_positive");
        assertThat(test).isNotNull();
        assertThat(test.resourceType()).isEqualTo(ResourceType.TEST);
        assertThat(test.name()).isEqualTo("assert_amount_positive");
        assertThat(test.materialized()).isEqualTo("test");
        assertThat(test.relation()).isNull();
        assertThat(test.config()).containsEntry("severity", "warn");
        assertThat(test.originalFilePath()).isEqualTo("tests/assert_amount_positive.sql");
        assertThat(test.compiledPath()).isEqualTo("tests/assert_amount_positive.sql");
        assertThat(test.dependsOn()).containsExactly("model.shop.orders", "model.shop.customers");
        assertThat(test.compiledSql()).isEqualTo("select * from " + ORDERS + " o\njoin " + CUSTOMERS
                + " c on o.customer_id = c.id\nwhere amount < 0");
        assertThat(project.dag().upstream("test.shop.assert_amount_positive"))
                .containsExactlyInAnyOrder("model.shop.orders", "model.shop.customers");
    }

    @Test
    void singularTestWithAnUnknownRefIsACompileError() throws Exception {
        write("tests/assert_x.sql", "select *\nfrom {{ ref('ordrs') }}");
        CompileException e = compileFails();
        assertThat(e.getMessage()).contains("tests/assert_x.sql line 2").contains("ref('ordrs')")
                .contains("did you mean 'orders'?");
    }

    @Test
    void disabledSingularTestIsLeftOut() throws Exception {
        write("tests/off.sql", "{{ config(enabled=false) }}select * from {{ ref('orders') }}");
        assertThat(compile().nodes()).doesNotContainKey("test.shop.off");
    }

    // ---- errors ----

    @Test
    void unknownGenericTestIsACompileError() throws Exception {
        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: amount
                        tests: [is_positiv]
                """);
        CompileException e = compileFails();
        assertThat(e.getMessage()).contains("models/schema.yml").contains("unknown generic test 'is_positiv'")
                .contains("orders");
    }

    @Test
    void testOnAMissingModelIsLeftOut() throws Exception {
        // a warning, as in dbt: see UnsupportedNodesTest
        write("models/schema.yml", """
                models:
                  - name: order
                    columns:
                      - name: order_id
                        tests: [not_null]
                """);
        assertThat(tests(compile())).isEmpty();
    }

    @Test
    void testOnAMissingSourceIsACompileError() throws Exception {
        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: order_id
                        tests:
                          - relationships:
                              to: source('nowhere', 'table')
                              field: id
                """);
        CompileException e = compileFails();
        assertThat(e.getMessage()).contains("models/schema.yml").contains("source('nowhere', 'table')");
    }

    @Test
    void aGenericTestOnAnEphemeralModelInlinesItsCte() throws Exception {
        write("models/eph.sql", "{{ config(materialized='ephemeral') }}select 1 as id");
        write("models/schema.yml", """
                models:
                  - name: eph
                    columns:
                      - name: id
                        tests: [not_null]
                """);
        CompiledNode notNull = test(compile(), "not_null_eph_id");
        assertThat(notNull.compiledSql()).startsWith("with __dbt__cte__eph as (\nselect 1 as id\n)\n")
                .contains("from __dbt__cte__eph");
    }

    @Test
    void testNamesAreDbtsGeneratedNames() throws Exception {
        write("models/customers.sql", "select 1 as id");
        write("models/orders.sql", "select 1 as order_id, 1 as customer_id, 'a' as status from {{ ref('customers') }}");
        write("models/schema.yml", """
                sources:
                  - name: raw
                    tables:
                      - name: orders
                        columns:
                          - name: id
                            tests: [not_null]
                models:
                  - name: orders
                    columns:
                      - name: customer_id
                        tests:
                          - relationships:
                              to: ref('customers')
                              field: id
                          - accepted_values:
                              values: [1, 2]
                              quote: false
                """);
        CompiledProject project = compile();
        List<String> names = tests(project).stream().map(CompiledNode::name).sorted().toList();
        // the same names dbt gives: arguments sorted by name, column_name among them, Python's str()
        assertThat(names).containsExactly(
                "accepted_values_orders_customer_id__False__1__2",
                "relationships_orders_customer_id__id__ref_customers_",
                "source_not_null_raw_orders_id");
    }

    @Test
    void customTestNamesInBothOfDbtsForms() throws Exception {
        write("models/orders.sql", "select 1 as id");
        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: id
                        tests:
                          - unique:
                              name: orders_id_is_unique
                          - name: orders_id_present
                            test_name: not_null
                """);
        List<String> names = tests(compile()).stream().map(CompiledNode::name).sorted().toList();
        assertThat(names).containsExactly("orders_id_is_unique", "orders_id_present");
    }

    @Test
    void jinjaInTestConfigAndArgumentsIsRendered() throws Exception {
        write("dbt_project.yml", "name: shop\nvars:\n  live_status: placed\n");
        write("models/orders.sql", "select 1 as id, 'placed' as status");
        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: id
                        tests:
                          - not_null:
                              config:
                                where: "status = '{{ var('live_status') }}'"
                """);
        CompiledNode test = tests(compile()).get(0);
        assertThat(test.compiledSql()).contains("where status = 'placed') dbt_subquery");
        assertThat(test.config()).containsEntry("where", "status = 'placed'");
    }
}
