package org.sqlwarehouse.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.dialect.DuckDbDialect;
import org.sqlwarehouse.project.DbtProject;
import org.sqlwarehouse.project.ProjectLoader;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.DbtSchemas;
import org.sqlwarehouse.testing.ProjectFiles;

/** compiled/ and manifest.json: written when their content changes, left alone when it does not. */
class CompiledArtifactsTest {
    /** A time no write of this test can produce: a file still at it was not written. */
    private static final FileTime LONG_AGO = FileTime.fromMillis(86_400_000L);

    @TempDir
    Path project;
    @TempDir
    Path out;

    private ResolvedTarget target;

    @BeforeEach
    void setUp() throws Exception {
        target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type("duckdb").path("x.duckdb").build(),
                "dbt_", "alice", null);
        write("dbt_project.yml", "name: shop\n");
        write("models/orders.sql", "select 1 as id");
        write("models/staging/customers.sql", "select 'é' as name");
    }

    private void write(String relative, String content) throws IOException {
        ProjectFiles.write(project, relative, content);
    }

    private void compileAndWrite() throws Exception {
        DbtProject loaded = ProjectLoader.load(project, "fallback");
        CompileSettings settings = new CompileSettings(target, new DuckDbDialect(), Map.of(), Map.of());
        CompiledProject compiled = new ProjectCompiler().compile(loaded, settings);
        new CompiledArtifacts(out, project).write(compiled, loaded, settings);
    }

    private Path compiled(String relative) {
        return out.resolve("compiled/shop").resolve(relative);
    }

    private static void backdate(Path... files) throws IOException {
        for (Path f : files) {
            Files.setLastModifiedTime(f, LONG_AGO);
        }
    }

    @Test
    void unchangedFilesAndManifestAreNotWrittenAgain() throws Exception {
        compileAndWrite();
        Path orders = compiled("models/orders.sql");
        Path customers = compiled("models/staging/customers.sql");
        Path manifest = out.resolve("manifest.json");
        assertThat(orders).hasContent("select 1 as id\n");
        assertThat(customers).hasContent("select 'é' as name\n");
        String manifestBefore = Files.readString(manifest);
        backdate(orders, customers, manifest);

        compileAndWrite();

        assertThat(Files.getLastModifiedTime(orders)).isEqualTo(LONG_AGO);
        assertThat(Files.getLastModifiedTime(customers)).isEqualTo(LONG_AGO);
        assertThat(Files.getLastModifiedTime(manifest)).isEqualTo(LONG_AGO);
        assertThat(manifest).hasContent(manifestBefore);
    }

    @Test
    void aChangedModelAndTheManifestAreWrittenAndNothingElse() throws Exception {
        compileAndWrite();
        Path orders = compiled("models/orders.sql");
        Path customers = compiled("models/staging/customers.sql");
        Path manifest = out.resolve("manifest.json");
        backdate(orders, customers, manifest);

        write("models/orders.sql", "select 2 as id"); // same length, other bytes
        compileAndWrite();

        assertThat(orders).hasContent("select 2 as id\n");
        assertThat(Files.getLastModifiedTime(orders)).isNotEqualTo(LONG_AGO);
        assertThat(Files.getLastModifiedTime(customers)).isEqualTo(LONG_AGO);
        assertThat(Files.readString(manifest)).contains("select 2 as id");
        assertThat(Files.getLastModifiedTime(manifest)).isNotEqualTo(LONG_AGO);
    }

    @Test
    void theManifestValidatesAgainstDbtsSchema() throws Exception {
        DbtSchemas.assumeAvailable();
        write("dbt_project.yml", "name: shop\nmodels:\n  shop:\n    +post-hook: \"select 1\"\n    +tags: nightly\n");
        write("seeds/countries.csv", "code,name\nFR,France\n");
        write("macros/cents.sql", "{% macro cents(c) %}({{ c }} / 100){% endmacro %}\n");
        write("models/payments.sql", "select {{ cents('amount') }} as amount from {{ source('raw', 'payments') }}");
        write("models/schema.yml", "version: 2\nsources:\n  - name: raw\n    tables:\n      - name: payments\n"
                + "models:\n  - name: orders\n    columns:\n      - name: id\n        data_tests: [unique]\n");
        write("tests/no_orders.sql", "select * from {{ ref('orders') }} where id < 0");

        compileAndWrite();

        assertThat(DbtSchemas.violations(out.resolve("manifest.json"), DbtSchemas.MANIFEST)).isEmpty();
        assertThat(Files.readString(out.resolve("manifest.json"))).contains("\"source.shop.raw.payments\"",
                "\"macro.shop.cents\"", "\"seed.shop.countries\"", "\"test.shop.no_orders\"");
    }

    @Test
    void aCompiledFileEditedByHandIsWrittenAgain() throws Exception {
        compileAndWrite();
        Path orders = compiled("models/orders.sql");
        Files.writeString(orders, "select 9 as id\n");

        compileAndWrite();

        assertThat(orders).hasContent("select 1 as id\n");
    }

    @Test
    void theFileOfARemovedModelIsLeftWhereItWas() throws Exception {
        compileAndWrite();
        Files.delete(project.resolve("models/staging/customers.sql"));

        compileAndWrite();

        assertThat(compiled("models/staging/customers.sql")).hasContent("select 'é' as name\n");
        assertThat(Files.readString(out.resolve("manifest.json"))).doesNotContain("customers");
    }

    @Test
    void modelsFromOutsideTheProjectAreCompiledUnderTheOutputDirectory(@TempDir Path root) throws Exception {
        Path shop = root.resolve("work/shop");
        ProjectFiles.write(shop, "dbt_project.yml", "name: shop\nmodel-paths: [models, ../shared, ../../escape]\n");
        ProjectFiles.write(shop, "models/a.sql", "select 1 as id");
        ProjectFiles.write(root, "work/shared/b.sql", "select 2 as id");
        ProjectFiles.write(root, "escape/c.sql", "select 3 as id");
        Path output = shop.resolve("build/wh");
        DbtProject loaded = ProjectLoader.load(shop, "fallback");
        CompileSettings settings = new CompileSettings(target, new DuckDbDialect(), Map.of(), Map.of());
        CompiledProject compiled = new ProjectCompiler().compile(loaded, settings);

        new CompiledArtifacts(output, shop).write(compiled, loaded, settings);

        try (var files = Files.walk(root)) {
            assertThat(files.filter(f -> f.toString().endsWith(".sql"))
                    .filter(f -> !f.startsWith(shop.resolve("models")) && !f.startsWith(root.resolve("work/shared"))
                            && !f.startsWith(root.resolve("escape"))))
                    .allMatch(f -> f.startsWith(output.resolve("compiled/shop")))
                    .hasSize(3);
        }
        assertThat(output.resolve("compiled/shop/__parent__/shared/b.sql")).hasContent("select 2 as id\n");
        assertThat(output.resolve("compiled/shop/__parent__/__parent__/escape/c.sql")).hasContent("select 3 as id\n");
        String manifest = Files.readString(output.resolve("manifest.json"));
        assertThat(manifest).contains("\"compiled_path\":\"build/wh/compiled/shop/models/a.sql\"")
                .contains("\"compiled_path\":\"build/wh/compiled/shop/__parent__/shared/b.sql\"")
                .doesNotContain("target/warehouse");
    }
}
