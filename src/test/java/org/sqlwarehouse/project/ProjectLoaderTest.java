package org.sqlwarehouse.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.testing.ProjectFiles;

class ProjectLoaderTest {
    @TempDir
    Path dir;

    private void write(String relative, String content) throws IOException {
        ProjectFiles.write(dir, relative, content);
    }

    private static ModelSource model(DbtProject project, String name) {
        return project.models().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    private static SeedSource seed(DbtProject project, String name) {
        return project.seeds().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void defaultsWithoutDbtProjectYml() throws Exception {
        write("models/orders.sql", "select 1 as id");
        write("seeds/countries.csv", "code,name\nNL,Netherlands\n");
        ProjectSettings settings = ProjectSettings.load(dir, "shop_warehouse");
        assertThat(settings.name()).isEqualTo("shop_warehouse");
        assertThat(settings.profile()).isNull();
        assertThat(settings.modelPaths()).containsExactly("models");
        assertThat(settings.seedPaths()).containsExactly("seeds");
        assertThat(settings.testPaths()).containsExactly("tests");
        assertThat(settings.macroPaths()).containsExactly("macros");
        assertThat(settings.vars()).isEmpty();

        DbtProject project = ProjectLoader.load(dir, "shop_warehouse");
        assertThat(project.name()).isEqualTo("shop_warehouse");
        assertThat(project.directory()).isEqualTo(dir.toAbsolutePath().normalize());
        assertThat(project.models()).extracting(ModelSource::name).containsExactly("orders");
        assertThat(project.seeds()).extracting(SeedSource::name).containsExactly("countries");
        assertThat(model(project, "orders").config()).isEmpty();
    }

    @Test
    void emptyDirectoryHasNoNodes() throws Exception {
        DbtProject project = ProjectLoader.load(dir, "empty");
        assertThat(project.models()).isEmpty();
        assertThat(project.seeds()).isEmpty();
    }

    @Test
    void settingsFromDbtProjectYml() throws Exception {
        write("dbt_project.yml", """
                name: jaffle_shop
                profile: jaffle
                model-paths: ["transform", "more"]
                seed-paths: ["data"]
                test-paths: ["checks"]
                macro-paths: ["lib"]
                vars:
                  start_date: '2020-01-01'
                  limit: 10
                  jaffle_shop:
                    limit: 20
                  other_project:
                    limit: 30
                """);
        ProjectSettings settings = ProjectSettings.load(dir, "ignored");
        assertThat(settings.name()).isEqualTo("jaffle_shop");
        assertThat(settings.profile()).isEqualTo("jaffle");
        assertThat(settings.modelPaths()).containsExactly("transform", "more");
        assertThat(settings.seedPaths()).containsExactly("data");
        assertThat(settings.testPaths()).containsExactly("checks");
        assertThat(settings.macroPaths()).containsExactly("lib");
        // Project-scoped vars win over global ones.
        assertThat(settings.vars()).containsEntry("start_date", "2020-01-01").containsEntry("limit", 20)
                .doesNotContainKey("jaffle_shop");
    }

    @Test
    void legacySourcePathsAndSinglePathString() throws Exception {
        write("dbt_project.yml", """
                name: shop
                source-paths: ["src_models"]
                seed-paths: data
                """);
        ProjectSettings settings = ProjectSettings.load(dir, "x");
        assertThat(settings.modelPaths()).containsExactly("src_models");
        assertThat(settings.seedPaths()).containsExactly("data");
    }

    @Test
    void pathsOfTheWrongShapeAreRejected() throws Exception {
        write("dbt_project.yml", """
                name: shop
                model-paths: {a: b}
                """);
        assertThatThrownBy(() -> ProjectSettings.load(dir, "x"))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("dbt_project.yml")
                .hasMessageContaining("model-paths");
    }

    @Test
    void customModelAndSeedPathsAreWhereNodesAreFound() throws Exception {
        write("dbt_project.yml", """
                name: shop
                model-paths: ["transform"]
                seed-paths: ["data"]
                """);
        write("transform/staging/stg_orders.sql", "select 1");
        write("data/countries.csv", "code\nNL\n");
        write("models/ignored.sql", "select 2");
        write("seeds/ignored_seed.csv", "a\n1\n");
        DbtProject project = ProjectLoader.load(dir, "x");
        assertThat(project.models()).extracting(ModelSource::name).containsExactly("stg_orders");
        assertThat(project.seeds()).extracting(SeedSource::name).containsExactly("countries");
        assertThat(model(project, "stg_orders").relativePath()).isEqualTo("transform/staging/stg_orders.sql");
        assertThat(seed(project, "countries").relativePath()).isEqualTo("data/countries.csv");
    }

    @Test
    void fqnRelativePathFileAndSql() throws Exception {
        write("dbt_project.yml", "name: shop\n");
        write("models/staging/stripe/stg_payments.sql", "select * from {{ ref('raw') }}\n");
        write("models/top.sql", "select 1");
        write("seeds/raw/countries.csv", "code\nNL\n");
        write("models/notes.txt", "not a model");
        DbtProject project = ProjectLoader.load(dir, "x");

        ModelSource payments = model(project, "stg_payments");
        assertThat(payments.fqn()).containsExactly("shop", "staging", "stripe", "stg_payments");
        assertThat(payments.relativePath()).isEqualTo("models/staging/stripe/stg_payments.sql");
        assertThat(payments.file()).isEqualTo(
                dir.toAbsolutePath().normalize().resolve("models/staging/stripe/stg_payments.sql"));
        assertThat(payments.sql()).isEqualTo("select * from {{ ref('raw') }}\n");

        assertThat(model(project, "top").fqn()).containsExactly("shop", "top");
        assertThat(model(project, "top").relativePath()).isEqualTo("models/top.sql");

        SeedSource countries = seed(project, "countries");
        assertThat(countries.fqn()).containsExactly("shop", "raw", "countries");
        assertThat(countries.relativePath()).isEqualTo("seeds/raw/countries.csv");
        assertThat(project.models()).extracting(ModelSource::name).containsExactly("stg_payments", "top");
    }

    @Test
    void configFromDbtProjectYmlReachesNodes() throws Exception {
        write("dbt_project.yml", """
                name: shop
                models:
                  shop:
                    +materialized: view
                    marts:
                      +materialized: table
                      +tags: [nightly]
                seeds:
                  shop:
                    +schema: raw
                    countries:
                      +column_types: {code: varchar}
                """);
        write("models/staging/stg_orders.sql", "select 1");
        write("models/marts/orders.sql", "select 1");
        write("seeds/countries.csv", "code\nNL\n");
        DbtProject project = ProjectLoader.load(dir, "x");
        assertThat(model(project, "stg_orders").config()).containsExactly(Map.entry("materialized", "view"));
        assertThat(model(project, "orders").config())
                .containsExactlyInAnyOrderEntriesOf(Map.of("materialized", "table", "tags", List.of("nightly")));
        assertThat(seed(project, "countries").config()).containsExactlyInAnyOrderEntriesOf(
                Map.of("schema", "raw", "column_types", Map.of("code", "varchar")));
    }

    @Test
    void propertyFileConfigIsMergedOverProjectConfig() throws Exception {
        write("dbt_project.yml", """
                name: shop
                models:
                  shop:
                    +materialized: view
                    +tags: [nightly]
                """);
        write("models/orders.sql", "select 1");
        write("models/customers.sql", "select 1");
        write("models/schema.yml", """
                version: 2
                models:
                  - name: orders
                    description: Orders
                    config:
                      materialized: table
                      +alias: all_orders
                      tags: [finance]
                  - name: customers
                    columns:
                      - name: id
                """);
        DbtProject project = ProjectLoader.load(dir, "x");
        assertThat(model(project, "orders").config()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "materialized", "table", "alias", "all_orders", "tags", List.of("nightly", "finance")));
        assertThat(model(project, "customers").config()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "materialized", "view", "tags", List.of("nightly")));
    }

    @Test
    void seedPropertyFilesInSeedPathAreMerged() throws Exception {
        write("seeds/countries.csv", "code\nNL\n");
        write("seeds/seeds.yaml", """
                seeds:
                  - name: countries
                    config:
                      column_types:
                        code: varchar(2)
                """);
        DbtProject project = ProjectLoader.load(dir, "shop");
        assertThat(seed(project, "countries").config())
                .containsExactly(Map.entry("column_types", Map.of("code", "varchar(2)")));
    }

    @Test
    void propertyEntryWithoutNameIsRejected() throws Exception {
        write("models/orders.sql", "select 1");
        write("models/schema.yml", """
                models:
                  - description: nameless
                """);
        assertThatThrownBy(() -> ProjectLoader.load(dir, "shop"))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("models/schema.yml")
                .hasMessageContaining("name");
    }

    @Test
    void duplicateModelNamesAcrossFoldersNameBothFiles() throws Exception {
        write("models/staging/orders.sql", "select 1");
        write("models/marts/orders.sql", "select 2");
        assertThatThrownBy(() -> ProjectLoader.load(dir, "shop"))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("'orders'")
                .hasMessageContaining("models/staging/orders.sql")
                .hasMessageContaining("models/marts/orders.sql");
    }

    @Test
    void modelAndSeedWithTheSameNameAreRejected() throws Exception {
        write("models/countries.sql", "select 1");
        write("seeds/countries.csv", "code\nNL\n");
        assertThatThrownBy(() -> ProjectLoader.load(dir, "shop"))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("models/countries.sql")
                .hasMessageContaining("seeds/countries.csv");
    }

    @Test
    void malformedDbtProjectYmlNamesFileAndLine() throws Exception {
        write("dbt_project.yml", """
                name: shop
                models:
                  shop:
                    +materialized: [table
                """);
        assertThatThrownBy(() -> ProjectLoader.load(dir, "x"))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("dbt_project.yml line ")
                .hasMessageContaining("malformed YAML")
                .hasMessageMatching("(?s)dbt_project\\.yml line [45]:.*");
    }

    @Test
    void malformedPropertyFileNamesFileAndLine() throws Exception {
        write("models/orders.sql", "select 1");
        write("models/staging/schema.yml", """
                models:
                  - name: orders
                    config:
                      materialized: table
                     bad_indent: x
                """);
        assertThatThrownBy(() -> ProjectLoader.load(dir, "shop"))
                .isInstanceOf(WarehouseException.class)
                .hasMessageMatching("(?s)models/staging/schema\\.yml line 5:.*");
    }

    @Test
    void topLevelNonMappingIsRejected() throws Exception {
        write("dbt_project.yml", "- just\n- a list\n");
        assertThatThrownBy(() -> ProjectSettings.load(dir, "x"))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("dbt_project.yml")
                .hasMessageContaining("mapping");
    }

    @Test
    void invalidProjectNameIsRejected() throws Exception {
        for (String bad : new String[] {"my-project", "1shop", "shop project", "'\"; drop'"}) {
            write("dbt_project.yml", "name: " + bad + "\n");
            assertThatThrownBy(() -> ProjectSettings.load(dir, "x"))
                    .as("name %s", bad)
                    .isInstanceOf(WarehouseException.class)
                    .hasMessageContaining("dbt_project.yml")
                    .hasMessageContaining("project name");
        }
    }

    @Test
    void validProjectNames() throws Exception {
        for (String good : new String[] {"shop", "_private", "Shop_2"}) {
            write("dbt_project.yml", "name: " + good + "\n");
            assertThat(ProjectSettings.load(dir, "x").name()).isEqualTo(good);
        }
    }

    @Test
    void hyphenatedArtifactIdWorksAsFallbackName() throws Exception {
        write("models/orders.sql", "select 1");
        DbtProject project = ProjectLoader.load(dir, "shop-warehouse");
        assertThat(project.name()).matches("[A-Za-z_][A-Za-z0-9_]*");
    }

    @Test
    void emptyDbtProjectYmlUsesFallbackAndDefaults() throws Exception {
        write("dbt_project.yml", "");
        ProjectSettings settings = ProjectSettings.load(dir, "fallback");
        assertThat(settings.name()).isEqualTo("fallback");
        assertThat(settings.modelPaths()).containsExactly("models");
    }

    @Test
    void filesComeInPathOrderWithEveryFolderListedOnceForEveryKindOfFile() throws Exception {
        write("dbt_project.yml", """
                name: shop
                model-paths: ["data"]
                seed-paths: ["data"]
                macro-paths: ["data/macros"]
                """);
        write("data/z/b.sql", "select 2");
        write("data/a.sql", "select 1");
        write("data/z/a_b.sql", "select 3");
        write("data/Upper.sql", "select 4");
        write("data/countries.csv", "code\nNL\n");
        write("data/props.yml", "models:\n  - name: a\n    config:\n      materialized: table\n");
        write("data/macros/m.sql", "{% macro m() %}1{% endmacro %}");

        DbtProject project = ProjectLoader.load(dir, "fallback");

        // the macro file lies under the model folder, so it is a model too, as it was before
        assertThat(project.models()).extracting(ModelSource::relativePath)
                .containsExactly("data/Upper.sql", "data/a.sql", "data/macros/m.sql", "data/z/a_b.sql", "data/z/b.sql");
        assertThat(model(project, "b").sql()).isEqualTo("select 2");
        assertThat(model(project, "a").config()).containsEntry("materialized", "table");
        assertThat(project.seeds()).extracting(SeedSource::name).containsExactly("countries");
        assertThat(project.macros()).extracting(SqlFile::relativePath).containsExactly("data/macros/m.sql");
    }

    @Test
    void aLinkToAFileIsReadAndABrokenLinkIsSkipped() throws Exception {
        write("elsewhere/shared.sql", "select 'shared'");
        write("models/own.sql", "select 1");
        Files.createSymbolicLink(dir.resolve("models/linked.sql"), dir.resolve("elsewhere/shared.sql"));
        Files.createSymbolicLink(dir.resolve("models/broken.sql"), dir.resolve("elsewhere/missing.sql"));

        DbtProject project = ProjectLoader.load(dir, "fallback");

        assertThat(project.models()).extracting(ModelSource::name).containsExactly("linked", "own");
        assertThat(model(project, "linked").sql()).isEqualTo("select 'shared'");
    }

    @Test
    void aModelThatIsNotUtf8IsNamedWithTheLineAndTheEncodingExpected() throws Exception {
        write("models/ok.sql", "select 1 as id");
        Files.createDirectories(dir.resolve("models"));
        Files.write(dir.resolve("models/latin1.sql"),
                "select 1 as id\n-- caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> ProjectLoader.load(dir, "shop"))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("models/latin1.sql line 2")
                .hasMessageContaining("0xE9")
                .hasMessageContaining("UTF-8")
                .satisfies(e -> assertThat(((WarehouseException) e).getHint()).contains("Save models/latin1.sql as UTF-8"));
    }

    @Test
    void aPropertyFileThatIsNotUtf8IsNamedToo() throws Exception {
        Files.createDirectories(dir.resolve("models"));
        Files.write(dir.resolve("models/schema.yml"),
                "models:\n  - name: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> ProjectLoader.load(dir, "shop"))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("models/schema.yml line 2")
                .hasMessageContaining("is not UTF-8");
    }
}
