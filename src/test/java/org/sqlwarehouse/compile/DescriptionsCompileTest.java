package org.sqlwarehouse.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.DuckDbDialect;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.project.DbtProject;
import org.sqlwarehouse.project.ProjectLoader;
import org.sqlwarehouse.report.ManifestWriter;
import org.sqlwarehouse.testing.ProjectFiles;

/**
 * Descriptions of models, seeds, sources and their columns read from property files, doc() resolved
 * from the docs blocks of .md files, and written to manifest.json.
 */
class DescriptionsCompileTest {
    @TempDir
    Path dir;

    private ResolvedTarget target;

    @BeforeEach
    void setUp() throws Exception {
        target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type("duckdb").path("x.duckdb").build(),
                "dbt_", "alice", null);
        write("dbt_project.yml", "name: shop\n");
        write("models/orders.sql", "select 1 as order_id, 'x' as status");
        write("seeds/countries.csv", "code\nNL\n");
        write("models/docs/orders.md", "Notes on orders.\n\n{% docs order_id %}\nThe order's id, **unique**.\n"
                + "{% enddocs %}\n\n{% docs orders %}One row per order.{% enddocs %}\n");
        write("models/schema.yml", """
                models:
                  - name: orders
                    description: "{{ doc('orders') }} Placed in the shop."
                    columns:
                      - name: order_id
                        description: "{{ doc('order_id') }}"
                        data_type: integer
                        constraints:
                          - type: not_null
                      - name: status
                        description: Where the order is.
                seeds:
                  - name: countries
                    description: ISO countries
                    columns:
                      - name: code
                        description: Two letters
                sources:
                  - name: raw
                    tables:
                      - name: payments
                        description: "Payments, {{ doc('orders') }}"
                        columns:
                          - name: amount
                            description: In cents
                """);
    }

    private void write(String relative, String content) throws IOException {
        ProjectFiles.write(dir, relative, content);
    }

    private CompiledProject compile(DbtProject project) throws WarehouseException {
        return new ProjectCompiler().compile(project, new CompileSettings(target, new DuckDbDialect(), Map.of(),
                Map.of()));
    }

    @Test
    void descriptionsAreReadWithDocBlocksResolved() throws Exception {
        CompiledProject compiled = compile(ProjectLoader.load(dir, "fallback"));

        CompiledNode orders = compiled.nodes().get("model.shop.orders");
        assertThat(orders.properties().description()).isEqualTo("One row per order. Placed in the shop.");
        assertThat(orders.properties().columns()).extracting(c -> c.name() + "=" + c.description())
                .containsExactly("order_id=The order's id, **unique**.", "status=Where the order is.");
        assertThat(orders.properties().column("ORDER_ID").dataType()).isEqualTo("integer");
        assertThat(compiled.nodes().get("seed.shop.countries").properties().description()).isEqualTo("ISO countries");
        assertThat(compiled.sources().get("raw.payments").description()).isEqualTo("Payments, One row per order.");
    }

    @Test
    void manifestCarriesDescriptionsAndColumns() throws Exception {
        DbtProject project = ProjectLoader.load(dir, "fallback");
        CompiledProject compiled = compile(project);

        JsonNode manifest = new ObjectMapper().readTree(ManifestWriter.render(compiled, project, target,
                new DuckDbDialect(), node -> null));

        JsonNode orders = manifest.get("nodes").get("model.shop.orders");
        assertThat(orders.get("description").asText()).isEqualTo("One row per order. Placed in the shop.");
        JsonNode orderId = orders.get("columns").get("order_id");
        assertThat(orderId.get("name").asText()).isEqualTo("order_id");
        assertThat(orderId.get("description").asText()).isEqualTo("The order's id, **unique**.");
        assertThat(orderId.get("data_type").asText()).isEqualTo("integer");
        assertThat(orderId.get("constraints").get(0).get("type").asText()).isEqualTo("not_null");
        assertThat(manifest.get("nodes").get("seed.shop.countries").get("columns").get("code").get("description")
                .asText()).isEqualTo("Two letters");
        JsonNode payments = manifest.get("sources").get("source.shop.raw.payments");
        assertThat(payments.get("description").asText()).isEqualTo("Payments, One row per order.");
        assertThat(payments.get("columns").get("amount").get("description").asText()).isEqualTo("In cents");
    }

    @Test
    void docOfAMissingBlockFailsTheCompile() throws Exception {
        write("models/more.yml", """
                models:
                  - name: other
                    description: "{{ doc('nowhere') }}"
                """);
        write("models/other.sql", "select 1 as id");

        Throwable thrown = catchThrowable(() -> compile(ProjectLoader.load(dir, "fallback")));

        assertThat(thrown).isInstanceOf(CompileException.class);
        assertThat(((CompileException) thrown).describe()).contains("doc('nowhere')").contains("models/other.sql");
    }

    @Test
    void docsPathsNameTheFoldersOfDocsBlocks() throws Exception {
        write("dbt_project.yml", "name: shop\ndocs-paths: [documentation]\n");
        write("documentation/orders.md", "{% docs orders %}From the docs folder.{% enddocs %}\n"
                + "{% docs order_id %}Id.{% enddocs %}");

        CompiledProject compiled = compile(ProjectLoader.load(dir, "fallback"));

        // models/docs/orders.md is outside docs-paths: its blocks are not read
        assertThat(compiled.nodes().get("model.shop.orders").properties().description())
                .isEqualTo("From the docs folder. Placed in the shop.");
    }

    @Test
    void aDocsBlockDefinedTwiceFails() throws Exception {
        write("models/more.md", "{% docs orders %}Again.{% enddocs %}");

        Throwable thrown = catchThrowable(() -> ProjectLoader.load(dir, "fallback"));

        assertThat(thrown).isInstanceOf(WarehouseException.class).hasMessageContaining("'orders' is defined twice");
    }

    @Test
    void setSqlHeaderBlockBecomesTheConfig() throws Exception {
        write("models/headed.sql", "{% call set_sql_header(config) %}\nset timezone = 'UTC';\n{% endcall %}\n"
                + "select 1 as id");

        CompiledProject compiled = compile(ProjectLoader.load(dir, "fallback"));

        assertThat(compiled.nodes().get("model.shop.headed").config().get("sql_header").toString().strip())
                .isEqualTo("set timezone = 'UTC';");
        assertThat(compiled.nodes().get("model.shop.headed").compiledSql()).isEqualTo("select 1 as id");
    }
}
