package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sqlwarehouse.testing.DbtSchemas;
import org.sqlwarehouse.testing.ProjectFiles;

/**
 * A project with one node of every kind dbt tooling reads from the artifacts: a seed, a source,
 * views, a table, an incremental and an ephemeral model, a macro, generic tests (one of severity
 * warn, one the project defines) and a singular test; and the checks of its manifest.json and run_results.json against dbt's schemas.
 */
final class ArtifactsFixture {
    static final String PROJECT = "shop";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ArtifactsFixture() {
    }

    /**
     * Writes the project; its source is the table {@code orders_raw} in {@code rawSchema}, created
     * by on-run-start so that the project needs nothing but its target.
     */
    static Path write(Path dir, String rawSchema) throws IOException {
        ProjectFiles.write(dir, "dbt_project.yml", "name: " + PROJECT + "\n"
                + "on-run-start:\n"
                + "  - \"create schema if not exists " + rawSchema + "\"\n"
                + "  - \"create table if not exists " + rawSchema + ".orders_raw as select * from (values "
                + "(1, 1, 'placed', 1250), (2, 1, 'shipped', 800), (3, 2, 'returned', 99)) t(order_id, customer_id, "
                + "status, amount_cents)\"\n"
                + "models:\n"
                + "  " + PROJECT + ":\n"
                + "    +materialized: view\n"
                + "    +tags: [shop]\n"
                + "    marts:\n"
                + "      +materialized: table\n"
                + "      +post-hook: \"select 1\"\n");
        ProjectFiles.write(dir, "seeds/customers.csv", "customer_id,name\n1,Alice\n2,Bob\n3,Chloé\n");
        ProjectFiles.write(dir, "macros/cents_to_dollars.sql",
                "{% macro cents_to_dollars(column) %}({{ column }} / 100.0){% endmacro %}\n");
        ProjectFiles.write(dir, "tests/generic/is_positive.sql", "{% test is_positive(model, column_name) %}\n"
                + "select * from {{ model }} where {{ column_name }} <= 0\n{% endtest %}\n");
        ProjectFiles.write(dir, "models/staging/stg_orders.sql", "select order_id, customer_id, status, "
                + "{{ cents_to_dollars('amount_cents') }} as amount\nfrom {{ source('raw', 'orders') }}\n");
        ProjectFiles.write(dir, "models/staging/stg_customers.sql",
                "select customer_id, name from {{ ref('customers') }}\n");
        ProjectFiles.write(dir, "models/staging/order_amounts.sql",
                "{{ config(materialized='ephemeral') }}\nselect order_id, amount from {{ ref('stg_orders') }}\n");
        ProjectFiles.write(dir, "models/marts/customer_orders.sql", "select c.customer_id, c.name, "
                + "count(o.order_id) as orders\nfrom {{ ref('stg_customers') }} c\n"
                + "left join {{ ref('stg_orders') }} o on o.customer_id = c.customer_id\ngroup by 1, 2\n");
        ProjectFiles.write(dir, "models/marts/order_log.sql",
                "{{ config(materialized='incremental', unique_key='order_id') }}\n"
                        + "select order_id, amount from {{ ref('order_amounts') }}\n"
                        + "{% if is_incremental() %}where order_id > (select max(order_id) from {{ this }}){% endif %}\n");
        ProjectFiles.write(dir, "tests/assert_amounts_positive.sql",
                "select * from {{ ref('stg_orders') }} where amount < 0\n");
        ProjectFiles.write(dir, "models/schema.yml", "version: 2\n"
                + "sources:\n"
                + "  - name: raw\n"
                + "    schema: " + rawSchema + "\n"
                + "    tables:\n"
                + "      - name: orders\n"
                + "        identifier: orders_raw\n"
                + "        columns:\n"
                + "          - name: order_id\n"
                + "            data_tests: [not_null]\n"
                + "models:\n"
                + "  - name: order_log\n"
                + "    columns:\n"
                + "      - name: amount\n"
                + "        data_tests: [is_positive]\n"
                + "  - name: stg_orders\n"
                + "    columns:\n"
                + "      - name: order_id\n"
                + "        data_tests: [unique, not_null]\n"
                + "      - name: status\n"
                + "        data_tests:\n"
                + "          - accepted_values:\n"
                + "              values: ['placed', 'shipped']\n"
                + "              config:\n"
                + "                severity: warn\n"
                + "      - name: customer_id\n"
                + "        data_tests:\n"
                + "          - relationships:\n"
                + "              to: ref('stg_customers')\n"
                + "              field: customer_id\n");
        return dir;
    }

    /** Asserts that the artifact validates against dbt's schema (the test is skipped where the schemas are absent). */
    static void assertValid(Path artifact, String schemaFile) {
        DbtSchemas.assumeAvailable();
        assertThat(artifact).isRegularFile();
        assertThat(DbtSchemas.violations(artifact, schemaFile)).as("violations of %s by %s", schemaFile, artifact)
                .isEmpty();
    }

    /** run_results.json's results by unique_id. */
    static Map<String, JsonNode> results(Path output) throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode r : JSON.readTree(output.resolve("run_results.json").toFile()).get("results")) {
            out.put(r.get("unique_id").asText(), r);
        }
        return out;
    }

    static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }
}
