package org.sqlwarehouse.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sqlwarehouse.maven.MojoTestSupport.MINIMAL_POM;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * warehouse:compile end to end on a project in a temporary folder: real rendering, real files, no
 * database. The POM has no targets, so the implicit DuckDB target "dev" is selected.
 */
@MojoTest
class CompileMojoTest {
    /** The implicit target's DuckDB file is dev.duckdb: an optional catalog qualifier "dev". */
    private static final String DEV_CATALOG = "(\"dev\"\\.)?";

    @TempDir
    Path tmp;

    private Path project;
    private Path output;

    /** A tiny project without dbt_project.yml: its name comes from the artifactId. */
    private void prepare(AbstractWarehouseMojo mojo, String artifactId) throws Exception {
        project = MojoTestSupport.writeTinyProject(tmp.resolve("project"));
        output = tmp.resolve("target/warehouse");
        MojoTestSupport.pointAt(mojo, project, output);
        mojo.project.setArtifactId(artifactId);
        mojo.project.getBuild().setDirectory(tmp.resolve("target").toString());
        mojo.setLog(new MojoTestSupport.RecordingLog());
    }

    @Test
    @InjectMojo(goal = "compile", pom = MINIMAL_POM)
    @MojoParameter(name = "user", value = "alice")
    void writesCompiledSqlAndManifest(CompileMojo mojo) throws Exception {
        prepare(mojo, "tiny_shop");
        mojo.execute();

        Path compiled = output.resolve("compiled/tiny_shop/models");
        assertThat(compiled.resolve("stg_orders.sql")).isRegularFile();
        assertThat(compiled.resolve("customer_totals.sql")).isRegularFile();
        // refs render as the quoted relation in the user's dev schema ("dbt_alice"."orders"), which
        // DuckDB may prefix with its catalog, the file's name: "dev"."dbt_alice"."orders"
        assertThat(Files.readString(compiled.resolve("stg_orders.sql")))
                .containsPattern("from " + DEV_CATALOG + "\"dbt_alice\"\\.\"orders\"\n")
                .contains("where amount >= 0")
                .doesNotContain("{{");
        assertThat(Files.readString(compiled.resolve("customer_totals.sql")))
                .containsPattern("from " + DEV_CATALOG + "\"dbt_alice\"\\.\"stg_orders\"\n")
                .doesNotContain("config(");
        // a seed has no SQL of its own
        assertThat(output.resolve("compiled/tiny_shop/seeds")).doesNotExist();

        JsonNode manifest = new ObjectMapper().readTree(output.resolve("manifest.json").toFile());
        assertThat(manifest.at("/metadata/project_name").asText()).isEqualTo("tiny_shop");
        assertThat(manifest.at("/metadata/env/target_name").asText()).isEqualTo("dev");
        JsonNode nodes = manifest.get("nodes");
        assertThat(nodes.has("seed.tiny_shop.orders")).isTrue();
        assertThat(nodes.at("/seed.tiny_shop.orders/resource_type").asText()).isEqualTo("seed");
        JsonNode totals = nodes.get("model.tiny_shop.customer_totals");
        assertThat(totals.get("relation_name").asText()).matches(DEV_CATALOG + "\"dbt_alice\"\\.\"customer_totals\"");
        assertThat(totals.get("schema").asText()).isEqualTo("dbt_alice");
        assertThat(totals.at("/config/materialized").asText()).isEqualTo("table");
        assertThat(totals.at("/depends_on/nodes/0").asText()).isEqualTo("model.tiny_shop.stg_orders");
        assertThat(totals.at("/depends_on/nodes").size()).isEqualTo(1);
        assertThat(totals.get("original_file_path").asText()).isEqualTo("models/customer_totals.sql");
        JsonNode staging = nodes.get("model.tiny_shop.stg_orders");
        assertThat(staging.at("/config/materialized").asText()).isEqualTo("view");
        assertThat(staging.at("/depends_on/nodes/0").asText()).isEqualTo("seed.tiny_shop.orders");
        assertThat(manifest.at("/child_map/model.tiny_shop.stg_orders/0").asText())
                .isEqualTo("model.tiny_shop.customer_totals");

        // compile needs no database: the implicit dev target's file is not created
        assertThat(tmp.resolve("target/warehouse/dev.duckdb")).doesNotExist();
    }

    /** warehouse.vars wins over the template's default. */
    @Test
    @InjectMojo(goal = "compile", pom = MINIMAL_POM)
    @MojoParameter(name = "user", value = "alice")
    @MojoParameter(name = "vars", value = "{min_amount: 10}")
    void varsReachTheTemplates(CompileMojo mojo) throws Exception {
        prepare(mojo, "tiny_shop");
        mojo.execute();
        assertThat(Files.readString(output.resolve("compiled/tiny_shop/models/stg_orders.sql")))
                .contains("where amount >= 10");
    }

    /** devSchemaPrefix replaces dbt_ in every rendered ref. */
    @Test
    @InjectMojo(goal = "compile", pom = MINIMAL_POM)
    @MojoParameter(name = "user", value = "alice")
    @MojoParameter(name = "devSchemaPrefix", value = "dev_")
    void devSchemaPrefixIsUsed(CompileMojo mojo) throws Exception {
        prepare(mojo, "tiny_shop");
        mojo.execute();
        assertThat(Files.readString(output.resolve("compiled/tiny_shop/models/customer_totals.sql")))
                .containsPattern("from " + DEV_CATALOG + "\"dev_alice\"\\.\"stg_orders\"\n");
    }

    /** dbt_project.yml's name wins over the artifactId. */
    @Test
    @InjectMojo(goal = "compile", pom = MINIMAL_POM)
    @MojoParameter(name = "user", value = "alice")
    void dbtProjectNameWinsOverArtifactId(CompileMojo mojo) throws Exception {
        prepare(mojo, "tiny_shop");
        MojoTestSupport.write(project.resolve("dbt_project.yml"), "name: shop\n");
        mojo.execute();
        assertThat(output.resolve("compiled/shop/models/customer_totals.sql")).isRegularFile();
        assertThat(output.resolve("compiled/tiny_shop")).doesNotExist();
    }

    /** Maven artifactIds usually have hyphens; without dbt_project.yml the module must still compile. */
    @Test
    @InjectMojo(goal = "compile", pom = MINIMAL_POM)
    @MojoParameter(name = "user", value = "alice")
    void hyphenatedArtifactIdStillCompiles(CompileMojo mojo) throws Exception {
        prepare(mojo, "tiny-shop");
        mojo.execute();
        JsonNode manifest = new ObjectMapper().readTree(output.resolve("manifest.json").toFile());
        assertThat(manifest.at("/metadata/project_name").asText()).isEqualTo("tiny_shop");
        assertThat(output.resolve("compiled/tiny_shop/models/stg_orders.sql")).isRegularFile();
    }

    /** A core compile error becomes a MojoFailureException naming the file and the bad ref. */
    @Test
    @InjectMojo(goal = "compile", pom = MINIMAL_POM)
    @MojoParameter(name = "user", value = "alice")
    void unknownRefFailsTheGoalNamingTheFile(CompileMojo mojo) throws Exception {
        prepare(mojo, "tiny_shop");
        MojoTestSupport.write(project.resolve("models/report.sql"), "select * from {{ ref('stg_order') }}\n");
        try {
            mojo.execute();
            throw new AssertionError("expected a MojoFailureException");
        } catch (MojoFailureException e) {
            assertThat(e.getMessage()).contains("models/report.sql").contains("stg_order");
        }
    }
}
