package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.compile.CompileSettings;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.compile.ProjectCompiler;
import org.sqlwarehouse.dialect.DuckDbDialect;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.project.ProjectLoader;
import org.sqlwarehouse.testing.ProjectFiles;

/** warehouse.select picks an installed package's nodes as dbt's selectors do: package:, and fqn from its name. */
class PackageSelectionTest {
    @TempDir
    Path dir;

    private CompiledProject compiled() throws Exception {
        ProjectFiles.write(dir, "dbt_project.yml", "name: shop\n");
        ProjectFiles.write(dir, "models/orders.sql", "select * from {{ ref('pkg_base') }}");
        ProjectFiles.write(dir, "dbt_packages/pkg/dbt_project.yml", "name: pkg\n");
        ProjectFiles.write(dir, "dbt_packages/pkg/seeds/pkg_codes.csv", "code\nA\n");
        ProjectFiles.write(dir, "dbt_packages/pkg/models/staging/pkg_base.sql", "select * from {{ ref('pkg_codes') }}");
        ProjectFiles.write(dir, "dbt_packages/pkg/models/pkg_other.sql", "select 1 as x");
        ResolvedTarget target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type("duckdb").path("x.duckdb")
                .build(), "dbt_", "alice", null);
        return new ProjectCompiler().compile(ProjectLoader.load(dir, "fallback"),
                new CompileSettings(target, new DuckDbDialect(), Map.of(), Map.of()));
    }

    @Test
    void packageSelectsEveryNodeOfThePackageAndFqnItsFolders() throws Exception {
        CompiledProject project = compiled();

        assertThat(RunSelection.narrow(project, "package:pkg", null, false).nodes().keySet())
                .containsExactlyInAnyOrder("seed.pkg.pkg_codes", "model.pkg.pkg_base", "model.pkg.pkg_other");
        assertThat(RunSelection.narrow(project, "pkg.staging", null, false).nodes().keySet())
                .containsExactly("model.pkg.pkg_base");
        assertThat(RunSelection.narrow(project, "package:shop", null, false).nodes().keySet())
                .containsExactly("model.shop.orders");
        assertThat(RunSelection.narrow(project, "+orders", "package:pkg", false).nodes().keySet())
                .containsExactly("model.shop.orders");
    }
}
