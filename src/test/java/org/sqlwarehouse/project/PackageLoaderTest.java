package org.sqlwarehouse.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.testing.ProjectFiles;

/** Packages installed in dbt_packages/ (or packages-install-path), as the loader finds them. */
class PackageLoaderTest {
    @TempDir
    Path dir;

    private void write(String relative, String content) throws IOException {
        ProjectFiles.write(dir, relative, content);
    }

    @Test
    void everyFolderWithADbtProjectYmlIsAPackageNamedByItsName() throws Exception {
        write("dbt_project.yml", "name: shop\n");
        write("dbt_packages/dbt-utils-1.1.1/dbt_project.yml", "name: utils\nmacro-paths: [lib]\n");
        write("dbt_packages/dbt-utils-1.1.1/lib/a.sql", "{% macro a() %}{% endmacro %}");
        write("dbt_packages/dbt-utils-1.1.1/macros/ignored.sql", "{% macro b() %}{% endmacro %}");
        write("dbt_packages/dbt-utils-1.1.1/tests/generic/t.sql", "{% test t(model) %}{% endtest %}");
        write("dbt_packages/not_a_package/macros/x.sql", "{% macro x() %}{% endmacro %}");

        DbtProject project = ProjectLoader.load(dir, "fallback");

        assertThat(project.packages()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("utils");
            assertThat(p.macros()).extracting(SqlFile::relativePath).containsExactly(
                    "dbt_packages/dbt-utils-1.1.1/lib/a.sql", "dbt_packages/dbt-utils-1.1.1/tests/generic/t.sql");
        });
        // the root project's macros are its own
        assertThat(project.macros()).isEmpty();
        assertThat(project.warnings()).isEmpty();
    }

    @Test
    void packagesInstallPathIsRead() throws Exception {
        write("dbt_project.yml", "name: shop\npackages-install-path: vendor/pkgs\n");
        write("dbt_packages/old/dbt_project.yml", "name: old\n");
        write("vendor/pkgs/new/dbt_project.yml", "name: new_pkg\n");

        assertThat(ProjectLoader.load(dir, "fallback").packages()).extracting(DbtPackage::name)
                .containsExactly("new_pkg");
    }

    @Test
    void aPackagesNodesAreFoundByItsOwnFoldersWithItsNameFirstInTheirFqn() throws Exception {
        write("dbt_project.yml", "name: shop\n");
        write("models/orders.sql", "select 1");
        write("dbt_packages/a/dbt_project.yml", "name: a\nmodel-paths: [src]\nseed-paths: [data]\n");
        write("dbt_packages/a/src/sub/x.sql", "select 1");
        write("dbt_packages/a/models/ignored.sql", "select 1");
        write("dbt_packages/a/data/codes.csv", "id\n1\n");
        write("dbt_packages/a/src/schema.yml", """
                sources:
                  - name: raw
                    tables: [{name: events}]
                models:
                  - name: x
                    columns:
                      - name: id
                        data_tests: [not_null]
                """);
        write("dbt_packages/a/tests/x_is_fine.sql", "select 1 where false");
        write("dbt_packages/a/snapshots/snap.sql", "{% snapshot x_history %}select 1{% endsnapshot %}");

        DbtProject project = ProjectLoader.load(dir, "fallback");

        assertThat(project.models()).extracting(ModelSource::relativePath)
                .containsExactly("models/orders.sql", "dbt_packages/a/src/sub/x.sql");
        assertThat(project.models().get(1).fqn()).containsExactly("a", "sub", "x");
        assertThat(project.seeds()).singleElement().satisfies(seed -> {
            assertThat(seed.relativePath()).isEqualTo("dbt_packages/a/data/codes.csv");
            assertThat(seed.fqn()).containsExactly("a", "codes");
        });
        assertThat(project.snapshots()).extracting(SnapshotSource::fqn).containsExactly(java.util.List.of("a",
                "x_history"));
        assertThat(project.singularTests()).extracting(SqlFile::relativePath)
                .containsExactly("dbt_packages/a/tests/x_is_fine.sql");
        assertThat(project.genericTests()).singleElement().satisfies(test -> {
            assertThat(test.targetName()).isEqualTo("x");
            assertThat(test.file()).isEqualTo("dbt_packages/a/src/schema.yml");
        });
        assertThat(project.sources()).containsKey("raw.events");
        assertThat(project.warnings()).isEmpty();
    }

    @Test
    void theRootProjectsConfigsForAPackageWinOverThePackagesOwnAndPropertyFilesOverBoth() throws Exception {
        write("dbt_project.yml", """
                name: shop
                models:
                  +tags: [everywhere]
                  a:
                    +schema: from_root
                    staging:
                      +enabled: false
                seeds:
                  a:
                    +schema: seeds_from_root
                """);
        write("dbt_packages/a/dbt_project.yml", """
                name: a
                models:
                  +tags: [pkg_top]
                  a:
                    +materialized: table
                    +schema: from_pkg
                    +alias: pkg_alias
                    staging:
                      +enabled: true
                  shop:
                    +materialized: incremental
                seeds:
                  a:
                    +schema: pkg_seeds
                    +delimiter: ";"
                """);
        write("dbt_packages/a/models/x.sql", "select 1");
        write("dbt_packages/a/models/staging/y.sql", "select 1");
        write("dbt_packages/a/models/z.sql", "select 1");
        write("dbt_packages/a/models/z.yml", "models:\n  - name: z\n    config: {schema: from_properties}\n");
        write("dbt_packages/a/seeds/s.csv", "id\n1\n");
        write("models/mine.sql", "select 1");

        DbtProject project = ProjectLoader.load(dir, "fallback");

        java.util.Map<String, java.util.Map<String, Object>> configs = new java.util.HashMap<>();
        project.models().forEach(m -> configs.put(m.name(), m.config()));
        assertThat(configs.get("x")).containsEntry("materialized", "table").containsEntry("schema", "from_root")
                .containsEntry("alias", "pkg_alias");
        assertThat(configs.get("x").get("tags")).asList().containsExactly("pkg_top", "everywhere");
        assertThat(configs.get("y")).containsEntry("enabled", false);
        assertThat(configs.get("z")).containsEntry("schema", "from_properties");
        // what the package's dbt_project.yml says under another project's name is not for that project
        assertThat(configs.get("mine")).doesNotContainKey("materialized");
        assertThat(project.seeds()).singleElement().satisfies(seed -> assertThat(seed.config())
                .containsEntry("schema", "seeds_from_root").containsEntry("delimiter", ";"));
    }

    @Test
    void aPackagesPythonModelTheRootProjectDisablesIsLeftOut() throws Exception {
        write("dbt_project.yml", "name: shop\nmodels:\n  a:\n    py_model:\n      +enabled: false\n");
        write("dbt_packages/a/dbt_project.yml", "name: a\n");
        write("dbt_packages/a/models/py_model.py", "def model(dbt, session):\n    return None\n");
        write("dbt_packages/a/models/py_kept.py", "def model(dbt, session):\n    return None\n");

        assertThat(ProjectLoader.load(dir, "fallback").unbuilt()).containsOnlyKeys("py_kept");
    }

    @Test
    void aPackageModelTheRootProjectDisablesMayBeReplacedByOneOfTheSameName() throws Exception {
        write("dbt_project.yml", "name: shop\nmodels:\n  a:\n    x:\n      +enabled: false\n");
        write("models/x.sql", "select 2");
        write("dbt_packages/a/dbt_project.yml", "name: a\n");
        write("dbt_packages/a/models/x.sql", "select 1");
        write("dbt_packages/a/models/schema.yml", """
                models:
                  - name: x
                    columns:
                      - name: id
                        data_tests: [not_null]
                """);

        DbtProject project = ProjectLoader.load(dir, "fallback");

        assertThat(project.models()).extracting(ModelSource::relativePath).containsExactly("models/x.sql");
        // the disabled model's tests go with it
        assertThat(project.genericTests()).isEmpty();
    }

    @Test
    void aPackageNodeNamedAsARootNodeFailsNamingBothFiles() throws Exception {
        write("dbt_project.yml", "name: shop\n");
        write("models/x.sql", "select 1");
        write("dbt_packages/a/dbt_project.yml", "name: a\n");
        write("dbt_packages/a/models/x.sql", "select 1");

        Throwable thrown = catchThrowable(() -> ProjectLoader.load(dir, "fallback"));

        assertThat(thrown).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("Two nodes are named 'x': models/x.sql and dbt_packages/a/models/x.sql.");
    }

    @Test
    void twoPackagesOfOneNameFail() throws Exception {
        write("dbt_project.yml", "name: shop\n");
        write("dbt_packages/a/dbt_project.yml", "name: same\n");
        write("dbt_packages/b/dbt_project.yml", "name: same\n");

        Throwable thrown = catchThrowable(() -> ProjectLoader.load(dir, "fallback"));

        assertThat(thrown).isInstanceOf(WarehouseException.class).hasMessageContaining(
                "Two installed packages are named 'same': dbt_packages/a and dbt_packages/b.");
    }

    @Test
    void aPackagesBrokenDbtProjectYmlIsNamedByItsPath() throws Exception {
        write("dbt_project.yml", "name: shop\n");
        write("dbt_packages/a/dbt_project.yml", "name: [unclosed\n");

        Throwable thrown = catchThrowable(() -> ProjectLoader.load(dir, "fallback"));

        assertThat(thrown).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("dbt_packages/a/dbt_project.yml");
    }
}
