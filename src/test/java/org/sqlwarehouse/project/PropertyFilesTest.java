package org.sqlwarehouse.project;

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
import org.sqlwarehouse.testing.ProjectFiles;

/** Sources and data tests as property files declare them, read through {@link ProjectLoader#load}. */
class PropertyFilesTest {
    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        write("dbt_project.yml", "name: shop\n");
        write("models/orders.sql", "select 1 as order_id");
    }

    private void write(String relative, String content) throws IOException {
        ProjectFiles.write(dir, relative, content);
    }

    private DbtProject load() throws WarehouseException {
        return ProjectLoader.load(dir, "fallback");
    }

    private List<GenericTestSpec> testsOf(String yaml) throws Exception {
        write("models/schema.yml", yaml);
        return load().genericTests();
    }

    // ---- sources ----

    @Test
    void sourceSchemaAndIdentifierDefaults() throws Exception {
        write("models/staging/sources.yml", """
                version: 2
                sources:
                  - name: raw
                    description: landing zone
                    tables:
                      - name: orders
                      - name: customers
                        identifier: customers_v2
                  - name: stripe
                    schema: stripe_data
                    database: lake
                    tables:
                      - name: payments
                        description: one row per payment
                """);
        Map<String, SourceTable> sources = load().sources();
        assertThat(sources.keySet()).containsExactly("raw.orders", "raw.customers", "stripe.payments");
        assertThat(sources.get("raw.orders"))
                .isEqualTo(new SourceTable("raw", "orders", "raw", "orders", null, "models/staging/sources.yml", null));
        assertThat(sources.get("raw.customers"))
                .isEqualTo(new SourceTable("raw", "customers", "raw", "customers_v2", null,
                        "models/staging/sources.yml", null));
        SourceTable payments = sources.get("stripe.payments");
        assertThat(payments.schema()).isEqualTo("stripe_data");
        assertThat(payments.identifier()).isEqualTo("payments");
        assertThat(payments.database()).isEqualTo("lake");
        assertThat(payments.key()).isEqualTo("stripe.payments");
    }

    @Test
    void sourcesFromSeveralFilesAndFromSeedPathsAndYamlExtension() throws Exception {
        write("models/a.yml", """
                sources:
                  - name: raw
                    tables: [{name: orders}]
                """);
        write("models/b.yaml", """
                sources:
                  - name: crm
                    tables: [{name: accounts, identifier: accounts_2024}]
                """);
        write("seeds/seeds.yml", """
                sources:
                  - name: ref_data
                    tables: [{name: countries}]
                """);
        Map<String, SourceTable> sources = load().sources();
        assertThat(sources.keySet()).containsExactlyInAnyOrder("raw.orders", "crm.accounts", "ref_data.countries");
        assertThat(sources.get("crm.accounts").file()).isEqualTo("models/b.yaml");
        assertThat(sources.get("crm.accounts").identifier()).isEqualTo("accounts_2024");
        assertThat(sources.get("ref_data.countries").file()).isEqualTo("seeds/seeds.yml");
    }

    @Test
    void sourceWithoutTablesDeclaresNothing() throws Exception {
        write("models/sources.yml", """
                sources:
                  - name: raw
                """);
        assertThat(load().sources()).isEmpty();
    }

    @Test
    void sourceTableDeclaredTwiceIsRejected() throws Exception {
        write("models/a.yml", """
                sources:
                  - name: raw
                    tables: [{name: orders}]
                """);
        write("models/b.yml", """
                sources:
                  - name: raw
                    schema: other
                    tables: [{name: orders}]
                """);
        assertThatThrownBy(this::load).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("models/b.yml").hasMessageContaining("'raw.orders' is declared twice");
    }

    @Test
    void malformedSourcesAreRejected() throws Exception {
        write("models/sources.yml", "sources:\n  name: raw\n");
        assertThatThrownBy(this::load).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("models/sources.yml").hasMessageContaining("'sources' must be a list");

        write("models/sources.yml", "sources:\n  - schema: raw\n");
        assertThatThrownBy(this::load).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("models/sources.yml").hasMessageContaining("every entry of 'sources' needs a name");

        write("models/sources.yml", "sources:\n  - name: raw\n    tables: orders\n");
        assertThatThrownBy(this::load).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("models/sources.yml").hasMessageContaining("'sources.raw.tables' must be a list");

        write("models/sources.yml", "sources:\n  - name: raw\n    tables:\n      - identifier: x\n");
        assertThatThrownBy(this::load).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("every entry of 'sources.raw.tables' needs a name");

        write("models/sources.yml", "sources:\n  - name: raw\n    tables:\n      - orders\n");
        assertThatThrownBy(this::load).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("every entry of 'sources.raw.tables' needs a name");
    }

    // ---- tests: where they attach ----

    @Test
    void testsAtModelAndColumnLevel() throws Exception {
        List<GenericTestSpec> tests = testsOf("""
                models:
                  - name: orders
                    tests:
                      - row_count_positive
                    columns:
                      - name: order_id
                        description: the key
                        tests:
                          - unique
                          - not_null
                      - name: status
                      - name: amount
                        data_tests:
                          - not_null
                """);
        assertThat(tests).containsExactly(
                new GenericTestSpec("row_count_positive", "model", "orders", null, Map.of(), Map.of(),
                        "models/schema.yml"),
                new GenericTestSpec("unique", "model", "orders", "order_id", Map.of(), Map.of(), "models/schema.yml"),
                new GenericTestSpec("not_null", "model", "orders", "order_id", Map.of(), Map.of(), "models/schema.yml"),
                new GenericTestSpec("not_null", "model", "orders", "amount", Map.of(), Map.of(), "models/schema.yml"));
    }

    @Test
    void testsAndDataTestsOnOneEntryBothCount() throws Exception {
        List<GenericTestSpec> tests = testsOf("""
                models:
                  - name: orders
                    columns:
                      - name: order_id
                        tests: [unique]
                        data_tests: [not_null]
                """);
        assertThat(tests).extracting(GenericTestSpec::testName).containsExactly("unique", "not_null");
    }

    @Test
    void testsOnSeedsAndSourceTables() throws Exception {
        write("seeds/countries.csv", "code\nNL\n");
        write("seeds/seeds.yml", """
                seeds:
                  - name: countries
                    columns:
                      - name: code
                        tests: [unique]
                """);
        write("models/sources.yml", """
                sources:
                  - name: raw
                    schema: raw_data
                    tables:
                      - name: orders
                        identifier: orders_v2
                        data_tests:
                          - has_rows
                        columns:
                          - name: id
                            tests: [not_null]
                """);
        List<GenericTestSpec> tests = load().genericTests();
        assertThat(tests).containsExactlyInAnyOrder(
                new GenericTestSpec("unique", "seed", "countries", "code", Map.of(), Map.of(), "seeds/seeds.yml"),
                new GenericTestSpec("has_rows", "source", "raw.orders", null, Map.of(), Map.of(),
                        "models/sources.yml"),
                new GenericTestSpec("not_null", "source", "raw.orders", "id", Map.of(), Map.of(),
                        "models/sources.yml"));
    }

    @Test
    void propertyEntryForAModelThatDoesNotExistStillDeclaresItsTests() throws Exception {
        // the compiler reports it, naming the file; loading does not fail
        List<GenericTestSpec> tests = testsOf("""
                models:
                  - name: no_such_model
                    columns:
                      - name: id
                        tests: [not_null]
                """);
        assertThat(tests).extracting(GenericTestSpec::targetName).containsExactly("no_such_model");
    }

    @Test
    void propertyFileInASubfolderIsNamedByItsPath() throws Exception {
        write("models/staging/stg.yml", """
                models:
                  - name: orders
                    columns:
                      - name: order_id
                        tests: [unique]
                """);
        assertThat(load().genericTests()).extracting(GenericTestSpec::file).containsExactly("models/staging/stg.yml");
    }

    // ---- tests: dbt's string and mapping forms ----

    @Test
    void nameWithoutBodyIsTheSameAsTheString() throws Exception {
        List<GenericTestSpec> tests = testsOf("""
                models:
                  - name: orders
                    columns:
                      - name: order_id
                        tests:
                          - unique
                          - not_null:
                          - accepted_values: {}
                """);
        assertThat(tests.get(0)).isEqualTo(
                new GenericTestSpec("unique", "model", "orders", "order_id", Map.of(), Map.of(), "models/schema.yml"));
        assertThat(tests.get(1)).isEqualTo(new GenericTestSpec("not_null", "model", "orders", "order_id", Map.of(),
                Map.of(), "models/schema.yml"));
        assertThat(tests.get(2).arguments()).isEmpty();
        assertThat(tests.get(2).config()).isEmpty();
    }

    @Test
    void mappingFormSplitsArgumentsFromConfig() throws Exception {
        List<GenericTestSpec> tests = testsOf("""
                models:
                  - name: orders
                    columns:
                      - name: status
                        tests:
                          - accepted_values:
                              name: status_is_known
                              description: only known statuses
                              values: [placed, shipped]
                              quote: false
                              severity: warn
                              where: "order_id > 0"
                              config:
                                tags: [nightly]
                                store_failures: true
                          - relationships:
                              to: ref('customers')
                              field: id
                              config:
                                severity: error
                                error_if: ">10"
                """);
        GenericTestSpec accepted = tests.get(0);
        assertThat(accepted.testName()).isEqualTo("accepted_values");
        assertThat(accepted.columnName()).isEqualTo("status");
        assertThat(accepted.arguments()).containsExactly(Map.entry("values", List.of("placed", "shipped")),
                Map.entry("quote", false));
        assertThat(accepted.config()).containsOnly(Map.entry("severity", "warn"), Map.entry("where", "order_id > 0"),
                Map.entry("tags", List.of("nightly")), Map.entry("store_failures", true));

        GenericTestSpec relationships = tests.get(1);
        assertThat(relationships.arguments()).containsExactly(Map.entry("to", "ref('customers')"),
                Map.entry("field", "id"));
        assertThat(relationships.config()).containsOnly(Map.entry("severity", "error"), Map.entry("error_if", ">10"));
    }

    @Test
    void dbt110ArgumentsForm() throws Exception {
        List<GenericTestSpec> tests = testsOf("""
                models:
                  - name: orders
                    columns:
                      - name: status
                        data_tests:
                          - accepted_values:
                              arguments:
                                values: [placed, shipped]
                                quote: true
                              config:
                                severity: warn
                                where: "status is not null"
                """);
        assertThat(tests).singleElement().satisfies(t -> {
            assertThat(t.testName()).isEqualTo("accepted_values");
            assertThat(t.arguments()).containsOnly(Map.entry("values", List.of("placed", "shipped")),
                    Map.entry("quote", true));
            assertThat(t.config()).containsOnly(Map.entry("severity", "warn"),
                    Map.entry("where", "status is not null"));
        });
    }

    // ---- tests: malformed entries ----

    @Test
    void testsThatAreNotAListAreRejected() throws Exception {
        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: order_id
                        tests: unique
                """);
        assertThatThrownBy(this::load).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("models/schema.yml").hasMessageContaining("'tests:' of 'order_id' must be a list");

        write("models/schema.yml", """
                models:
                  - name: orders
                    data_tests:
                      unique: {}
                """);
        assertThatThrownBy(this::load).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("'data_tests:' of 'orders' must be a list");
    }

    @Test
    void testMappingWithTwoNamesIsRejected() throws Exception {
        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: order_id
                        tests:
                          - unique:
                            not_null:
                """);
        assertThatThrownBy(this::load).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("models/schema.yml")
                .hasMessageContaining("a test of 'orders' must be a name");
    }

    @Test
    void testThatIsNeitherNameNorMappingIsRejected() throws Exception {
        write("models/schema.yml", """
                models:
                  - name: orders
                    tests:
                      - [unique, not_null]
                """);
        assertThatThrownBy(this::load).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("models/schema.yml").hasMessageContaining("a test of 'orders' must be a name")
                .hasMessageContaining("found [unique, not_null]");
    }

    @Test
    void malformedColumnsAreRejected() throws Exception {
        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      name: order_id
                """);
        assertThatThrownBy(this::load).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("models/schema.yml").hasMessageContaining("'orders.columns' must be a list");

        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - description: no name
                        tests: [unique]
                """);
        assertThatThrownBy(this::load).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("models/schema.yml")
                .hasMessageContaining("every entry of 'orders.columns' needs a name");
    }

    @Test
    void malformedSeedsSectionIsRejected() throws Exception {
        write("seeds/seeds.yml", "seeds:\n  countries:\n    columns: []\n");
        assertThatThrownBy(this::load).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("seeds/seeds.yml").hasMessageContaining("seeds");
    }

    // ---- YAML anchors, aliases and repeated keys, as dbt reads them ----

    @Test
    void anchorsAndAliasesGiveModelsTheirConfigAndTests() throws Exception {
        write("models/customers.sql", "select 1 as customer_id");
        write("models/schema.yml", """
                version: 2
                models:
                  - name: orders
                    config: &nightly
                      tags: [nightly, finance]
                    columns:
                      - name: order_id
                        tests: &idtests [unique, not_null]
                  - name: customers
                    config: *nightly
                    columns:
                      - name: customer_id
                        tests: *idtests
                """);

        DbtProject project = load();

        assertThat(project.models()).allSatisfy(m ->
                assertThat(m.config()).containsEntry("tags", List.of("nightly", "finance")));
        assertThat(project.genericTests()).extracting(t -> t.targetName() + "." + t.columnName() + ":" + t.testName())
                .containsExactlyInAnyOrder("orders.order_id:unique", "orders.order_id:not_null",
                        "customers.customer_id:unique", "customers.customer_id:not_null");
    }

    @Test
    void aRepeatedModelsKeyIsReportedWithFileAndLine() throws Exception {
        write("models/customers.sql", "select 1 as customer_id");
        write("models/schema.yml", """
                version: 2
                models:
                  - name: orders
                    tests: [unique]
                models:
                  - name: customers
                """);

        DbtProject project = load();

        assertThat(project.warnings()).singleElement().asString()
                .contains("models/schema.yml line 5").contains("'models'").contains("first on line 2");
    }

    @Test
    void dbtProjectYmlAndWarehouseVarsResolveAliases() throws Exception {
        write("dbt_project.yml", """
                name: shop
                vars:
                  regions: &regions [eu, us]
                  default_regions: *regions
                models:
                  shop: &cfg
                    +tags: [a]
                """);
        List<String> warnings = new java.util.ArrayList<>();

        assertThat(ProjectSettings.load(dir, "x", warnings).vars())
                .containsEntry("default_regions", List.of("eu", "us"));
        assertThat(YamlFiles.parseMap("{r: &r [x], s: *r}", "warehouse.vars", warnings))
                .containsEntry("s", List.of("x"));
        assertThat(warnings).isEmpty();
    }
}
