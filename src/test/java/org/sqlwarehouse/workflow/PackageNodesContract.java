package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.report.NodeResult;
import org.sqlwarehouse.report.NodeStatus;
import org.sqlwarehouse.testing.DbtSchemas;

/**
 * An installed package's seed, models and data tests built with the project, as dbt builds them:
 * the package's own configs and vars, the root project's overrides of both (a schema, a disabled
 * model, a scoped var), checked in the database.
 */
abstract class PackageNodesContract extends DialectContract {
    private Warehouse warehouse(Path project) {
        TargetDefinition target = target(false);
        return new Warehouse(WarehouseRequest.builder().projectDirectory(project).fallbackName("shop")
                .outputDirectory(project.resolve("target/warehouse")).declaredTargets(List.of(target))
                .explicitTarget(target.name()).explicitUser("builder").systemUserName("builder")
                .userHome(project.resolve("no-home")).lockTimeoutSeconds(30).projectVersion("1.0")
                .log(new SafetyFixture.RecordingLog()).build());
    }

    @Test
    void aPackagesSeedModelsAndTestsAreBuiltWithTheRootProjectsOverrides() throws Exception {
        Path project = tmp.resolve("shop");
        SafetyFixture.write(project, "dbt_project.yml", """
                name: shop
                vars:
                  pricing:
                    multiplier: 3
                models:
                  pricing:
                    +schema: pricing
                    unwanted:
                      +enabled: false
                """);
        SafetyFixture.write(project, "dbt_packages/pricing/dbt_project.yml", """
                name: pricing
                vars:
                  multiplier: 1
                  label: from_package
                models:
                  pricing:
                    +materialized: table
                """);
        SafetyFixture.write(project, "dbt_packages/pricing/seeds/prices.csv", "id,price\n1,10\n2,20\n");
        SafetyFixture.write(project, "dbt_packages/pricing/models/scaled_prices.sql", """
                select id, price * {{ var('multiplier') }} as scaled, '{{ var('label') }}' as label
                from {{ ref('prices') }}
                """);
        SafetyFixture.write(project, "dbt_packages/pricing/models/unwanted.sql", "select 1 as x");
        SafetyFixture.write(project, "dbt_packages/pricing/models/schema.yml", """
                version: 2
                sources:
                  - name: pricing_raw
                    tables: [{name: feed}]
                models:
                  - name: scaled_prices
                    columns:
                      - name: id
                        data_tests: [unique, not_null]
                      - name: scaled
                        data_tests:
                          - accepted_values:
                              values: [30, 60]
                              quote: false
                """);
        SafetyFixture.write(project, "models/orders.sql",
                "select id, scaled * 2 as doubled from {{ ref('pricing', 'scaled_prices') }}\n");

        List<NodeResult> results = warehouse(project).build();

        assertThat(results).filteredOn(r -> r.resourceType().equals("test"))
                .extracting(r -> r.uniqueId().replaceAll("\\.[0-9a-f]{8,}$", ""), NodeResult::status)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("test.pricing.unique_scaled_prices_id", NodeStatus.PASS),
                        org.assertj.core.groups.Tuple.tuple("test.pricing.not_null_scaled_prices_id", NodeStatus.PASS),
                        org.assertj.core.groups.Tuple.tuple(
                                "test.pricing.accepted_values_scaled_prices_scaled__False__30__60", NodeStatus.PASS));
        // the package's seed in the target schema, its model in the schema the root project gave it
        assertThat(db.relations(schema)).containsOnly(Map.entry("orders", "VIEW"), Map.entry("prices", "BASE TABLE"));
        assertThat(db.relations(schema + "_pricing")).containsOnly(Map.entry("scaled_prices", "BASE TABLE"));
        assertThat(db.rows("select id, scaled, label from \"" + schema + "_pricing\".scaled_prices order by id"))
                .extracting(r -> ((Number) r.get("id")).intValue(), r -> ((Number) r.get("scaled")).intValue(),
                        r -> r.get("label"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 30, "from_package"),
                        org.assertj.core.groups.Tuple.tuple(2, 60, "from_package"));
        assertThat(db.rows("select doubled from \"" + schema + "\".orders order by id"))
                .extracting(r -> ((Number) r.get("doubled")).intValue()).containsExactly(60, 120);

        // manifest.json: the package's nodes under its name, their paths from its folder, as dbt's
        Path manifest = project.resolve("target/warehouse/manifest.json");
        assertThat(DbtSchemas.violations(manifest, DbtSchemas.MANIFEST)).isEmpty();
        JsonNode nodes = new ObjectMapper().readTree(manifest.toFile()).path("nodes");
        JsonNode scaled = nodes.path("model.pricing.scaled_prices");
        assertThat(scaled.path("package_name").asText()).isEqualTo("pricing");
        assertThat(scaled.path("original_file_path").asText()).isEqualTo("models/scaled_prices.sql");
        assertThat(scaled.path("path").asText()).isEqualTo("scaled_prices.sql");
        assertThat(scaled.path("fqn").toString()).isEqualTo("[\"pricing\",\"scaled_prices\"]");
        assertThat(nodes.path("seed.pricing.prices").path("package_name").asText()).isEqualTo("pricing");
        assertThat(nodes.path("model.shop.orders").path("package_name").asText()).isEqualTo("shop");
        assertThat(nodes.has("model.pricing.unwanted")).isFalse();
        JsonNode feed = new ObjectMapper().readTree(manifest.toFile()).path("sources")
                .path("source.pricing.pricing_raw.feed");
        assertThat(feed.path("package_name").asText()).isEqualTo("pricing");
        // its compiled SQL under compiled/<package>/, as dbt's target/compiled/pricing/models/...
        assertThat(scaled.path("compiled_path").asText())
                .isEqualTo("target/warehouse/compiled/pricing/models/scaled_prices.sql");
        assertThat(project.resolve("target/warehouse/compiled/pricing/models/scaled_prices.sql")).content()
                .contains("price * 3");
    }
}
