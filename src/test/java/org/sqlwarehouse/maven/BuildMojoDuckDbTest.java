package org.sqlwarehouse.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.sqlwarehouse.maven.MojoTestSupport.DUCKDB_POM;
import static org.sqlwarehouse.maven.MojoTestSupport.count;
import static org.sqlwarehouse.maven.MojoTestSupport.relationKinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * warehouse:build and warehouse:deploy end to end on embedded DuckDB: the DuckDB files are read
 * back over JDBC afterwards. The POM's target paths are relative, so they land in the temporary
 * project directory.
 */
@MojoTest
class BuildMojoDuckDbTest {
    @TempDir
    Path tmp;

    private Path project;
    private Path output;

    private void prepare(AbstractWarehouseMojo mojo) throws Exception {
        project = MojoTestSupport.writeTinyProject(tmp.resolve("project"));
        output = tmp.resolve("out");
        MojoTestSupport.pointAt(mojo, project, output);
        mojo.project.setArtifactId("tiny_shop");
        mojo.project.getBuild().setDirectory(tmp.resolve("target").toString());
        mojo.setLog(new MojoTestSupport.RecordingLog());
    }

    /** The hostile user name of DESIGN.md: quotes and spaces collapse into dbt_bar_o_user. */
    @Test
    @InjectMojo(goal = "build", pom = DUCKDB_POM)
    @MojoParameter(name = "user", value = "Bar O'User")
    void buildCreatesTheRelationsInTheDevSchema(BuildMojo mojo) throws Exception {
        prepare(mojo);
        mojo.execute();

        Path db = project.resolve("db/dev.duckdb");
        assertThat(db).isRegularFile();
        assertThat(relationKinds(db, "dbt_bar_o_user")).containsExactly(
                entry("customer_totals", "BASE TABLE"),
                entry("orders", "BASE TABLE"),
                entry("stg_orders", "VIEW"));
        assertThat(count(db, "dbt_bar_o_user.orders")).isEqualTo(4);
        assertThat(count(db, "dbt_bar_o_user.stg_orders")).isEqualTo(4);
        assertThat(count(db, "dbt_bar_o_user.customer_totals")).isEqualTo(3);
        assertThat(MojoTestSupport.column(db,
                "select total_amount from dbt_bar_o_user.customer_totals order by customer_id"))
                .extracting(v -> new BigDecimal(v.toString()).stripTrailingZeros())
                .containsExactly(new BigDecimal("30.5"), new BigDecimal("99.99"), new BigDecimal("12"));
        // no schema but the user's, and nothing left behind by the swaps
        assertThat(MojoTestSupport.column(db, "select distinct table_schema from information_schema.tables"))
                .containsExactly("dbt_bar_o_user");

        JsonNode results = new ObjectMapper().readTree(output.resolve("run_results.json").toFile());
        assertThat(results.at("/metadata/env/target_name").asText()).isEqualTo("dev");
        assertThat(results.at("/args/target").asText()).isEqualTo("dev");
        assertThat(results.get("results")).hasSize(3);
        results.get("results").forEach(r -> assertThat(r.get("status").asText()).as(r.toString())
                .isEqualTo("success"));
    }

    /** A second build replaces the relations in place: same kinds, same rows, no duplicates. */
    @Test
    @InjectMojo(goal = "build", pom = DUCKDB_POM)
    @MojoParameter(name = "user", value = "alice")
    @MojoParameter(name = "vars", value = "{min_amount: 10}")
    void rebuildIsIdempotentAndVarsApply(BuildMojo mojo) throws Exception {
        prepare(mojo);
        mojo.execute();
        mojo.execute();
        Path db = project.resolve("db/dev.duckdb");
        assertThat(relationKinds(db, "dbt_alice")).containsOnlyKeys("customer_totals", "orders", "stg_orders");
        assertThat(count(db, "dbt_alice.orders")).isEqualTo(4);
        // the 5.50 order is under min_amount
        assertThat(count(db, "dbt_alice.stg_orders")).isEqualTo(3);
        assertThat(count(db, "dbt_alice.customer_totals")).isEqualTo(3);
    }

    /**
     * On the protected target prod, build stages a tested candidate beside the live relations and
     * leaves those alone; deploy then promotes it.
     */
    @Test
    @MojoParameter(name = "target", value = "prod")
    @MojoParameter(name = "user", value = "alice")
    void buildLeavesProtectedTargetAloneAndDeployWritesIt(
            @InjectMojo(goal = "build", pom = DUCKDB_POM) BuildMojo build,
            @InjectMojo(goal = "deploy", pom = DUCKDB_POM) DeployMojo deploy) throws Exception {
        prepare(build);
        MojoTestSupport.pointAt(deploy, project, output);
        deploy.project.setArtifactId("tiny_shop");
        deploy.setLog(new MojoTestSupport.RecordingLog());

        build.execute();
        Path db = project.resolve("db/prod.duckdb");
        assertThat(relationKinds(db, "analytics")).isEmpty();
        assertThat(MojoTestSupport.allRelationKinds(db, "analytics")).containsKeys(
                "customer_totals__wh_cand", "orders__wh_cand", "stg_orders__wh_cand");
        assertThat(project.resolve("db/dev.duckdb")).doesNotExist();

        deploy.execute();
        assertThat(relationKinds(db, "analytics")).containsExactly(
                entry("customer_totals", "BASE TABLE"),
                entry("orders", "BASE TABLE"),
                entry("stg_orders", "VIEW"));
        assertThat(count(db, "analytics.customer_totals")).isEqualTo(3);
        // the candidates became the live relations: none is left over
        assertThat(MojoTestSupport.allRelationKinds(db, "analytics")).doesNotContainKeys(
                "customer_totals__wh_cand", "orders__wh_cand", "stg_orders__wh_cand");
        // no dev schema in the prod database
        assertThat(MojoTestSupport.column(db, "select distinct table_schema from information_schema.tables"))
                .isEqualTo(List.of("analytics"));
    }
}
