package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.compile.CompileSettings;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.compile.ProjectCompiler;
import org.sqlwarehouse.dialect.DuckDbDialect;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.project.DbtProject;
import org.sqlwarehouse.project.ProjectLoader;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.testing.ProjectFiles;

/** A staged candidate's second compile does not say again what the first compile said. */
class RecompileTest {
    @TempDir
    Path dir;

    @Test
    void theCandidatesCompileRepeatsNoWarning() throws Exception {
        ProjectFiles.write(dir, "dbt_project.yml", "name: shop\n");
        ProjectFiles.write(dir, "models/orders.sql", "select 1 as id{{ exceptions.warn('careful') }}");
        ProjectFiles.write(dir, "models/schema.yml", "models:\n  - name: order\n    tests: [unique]\n");
        List<String> warnings = new ArrayList<>();
        BuildLog log = new BuildLog() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }

            @Override
            public void error(String message) {
            }

            @Override
            public void debug(String message) {
            }

            @Override
            public boolean isDebugEnabled() {
                return false;
            }
        };
        ResolvedTarget target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type("duckdb")
                .path("x.duckdb").build(), "dbt_", "alice", null);
        DbtProject project = ProjectLoader.load(dir, "fallback");
        CompileSettings settings = new CompileSettings(target, new DuckDbDialect(), Map.of(), Map.of(), log);
        CompiledProject first = new ProjectCompiler().compile(project, settings);
        assertThat(warnings).hasSize(2);

        CompiledProject candidate = new Warehouse.Compilation(project, settings, first)
                .recompile(Map.of("orders", "orders__candidate"));
        assertThat(candidate.nodes().get("model.shop.orders").relation().getIdentifier())
                .isEqualTo("orders__candidate");
        assertThat(warnings).hasSize(2);
    }

    @Test
    void theCandidatesCompileKeepsFullRefresh() throws Exception {
        ProjectFiles.write(dir, "dbt_project.yml", "name: shop\n");
        ProjectFiles.write(dir, "models/orders.sql", "select {{ should_full_refresh() }} as full_refresh");
        ResolvedTarget target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type("duckdb")
                .path("x.duckdb").build(), "dbt_", "alice", null);
        DbtProject project = ProjectLoader.load(dir, "fallback");
        CompileSettings settings = new CompileSettings(target, new DuckDbDialect(), Map.of(), Map.of(), BuildLog.SILENT)
                .withFullRefresh(true);
        CompiledProject first = new ProjectCompiler().compile(project, settings);
        assertThat(first.nodes().get("model.shop.orders").compiledSql()).isEqualTo("select True as full_refresh");

        CompiledProject candidate = new Warehouse.Compilation(project, settings, first)
                .recompile(Map.of("orders", "orders__candidate"));

        assertThat(candidate.nodes().get("model.shop.orders").compiledSql()).isEqualTo("select True as full_refresh");
    }
}
