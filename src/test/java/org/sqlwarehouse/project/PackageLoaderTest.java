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
    void packageModelsAreNotBuiltAndTheBuildSaysSoOnce() throws Exception {
        write("dbt_project.yml", "name: shop\n");
        write("dbt_packages/a/dbt_project.yml", "name: a\n");
        write("dbt_packages/a/models/x.sql", "select 1");
        write("dbt_packages/a/models/y.sql", "select 1");
        write("dbt_packages/b/dbt_project.yml", "name: b\n");
        write("dbt_packages/b/models/sub/z.sql", "select 1");

        DbtProject project = ProjectLoader.load(dir, "fallback");

        assertThat(project.models()).isEmpty();
        assertThat(project.warnings()).containsExactly("Installed package(s) a, b have models, which are not "
                + "built: only the macros and generic tests of packages are loaded so far.");
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
