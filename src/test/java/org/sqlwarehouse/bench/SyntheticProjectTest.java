package org.sqlwarehouse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.compile.CompileSettings;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.compile.ProjectCompiler;
import org.sqlwarehouse.dialect.DuckDbDialect;
import org.sqlwarehouse.project.ProjectLoader;
import org.sqlwarehouse.project.ResourceType;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.report.NodeResult;
import org.sqlwarehouse.report.NodeStatus;
import org.sqlwarehouse.environment.CredentialResolver;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.workflow.Warehouse;
import org.sqlwarehouse.workflow.WarehouseRequest;

/** The benchmarks' synthetic project compiles, builds and is deterministic. No timing here. */
class SyntheticProjectTest {
    @TempDir
    Path dir;

    private static CompiledProject compile(Path project) throws Exception {
        ResolvedTarget target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type("duckdb")
                .path("x.duckdb").build(), "dbt_", "bench", null);
        return new ProjectCompiler().compile(ProjectLoader.load(project, "fallback"),
                new CompileSettings(target, new DuckDbDialect(), Map.of(), Map.of()));
    }

    @Test
    void generatedProjectCompilesWithItsRefsAndJinja() throws Exception {
        SyntheticProject plan = SyntheticProject.write(dir, 120, 7);

        CompiledProject compiled = compile(dir);

        assertThat(compiled.name()).isEqualTo("bench");
        long models = compiled.nodes().values().stream().filter(n -> n.resourceType() == ResourceType.MODEL).count();
        long seeds = compiled.nodes().values().stream().filter(n -> n.resourceType() == ResourceType.SEED).count();
        assertThat(models).isEqualTo(120);
        assertThat(seeds).isEqualTo(3);
        for (SyntheticProject.Model m : plan.models()) {
            CompiledNode node = compiled.nodes().get("model.bench." + m.name());
            assertThat(node.materialized()).as(m.name()).isEqualTo(m.materialized());
            assertThat(node.compiledSql()).as(m.name()).doesNotContain("{{", "{%");
            if (m.layer().equals("staging")) {
                assertThat(node.dependsOn()).as(m.name()).hasSizeLessThanOrEqualTo(1);
            } else {
                assertThat(node.dependsOn()).as(m.name())
                        .containsExactlyInAnyOrderElementsOf(m.refs().stream().map(r -> "model.bench." + r).toList())
                        .hasSizeBetween(1, 4);
            }
        }
        assertThat(compiled.nodes().get("model.bench." + plan.models().get(0).name()).sources())
                .containsExactly("raw.events");
        long jinja = plan.models().stream().filter(SyntheticProject.Model::jinja).count();
        assertThat(jinja).isBetween(10L, 40L);
        assertThat(plan.models().stream().map(SyntheticProject.Model::layer).distinct())
                .containsExactly("staging", "intermediate", "mart");
        assertThat(plan.maxFanOut()).isGreaterThan(4);
        assertThat(plan.depth()).isGreaterThan(3);
        // folder config from dbt_project.yml reaches the models
        SyntheticProject.Model finance = plan.models().stream()
                .filter(m -> m.folder().equals("intermediate/finance")).findFirst().orElseThrow();
        assertThat(compiled.nodes().get("model.bench." + finance.name()).config().get("tags").toString())
                .contains("finance");
    }

    @Test
    void sameSeedWritesTheSameFilesAndAnotherSeedOthers() throws Exception {
        SyntheticProject.write(dir.resolve("a"), 80, 11);
        SyntheticProject.write(dir.resolve("b"), 80, 11);
        SyntheticProject.write(dir.resolve("c"), 80, 12);

        assertThat(tree(dir.resolve("a"))).isEqualTo(tree(dir.resolve("b")));
        assertThat(tree(dir.resolve("a"))).isNotEqualTo(tree(dir.resolve("c")));
    }

    @Test
    void touchChangesTheCompiledSqlOfThatModelOnly() throws Exception {
        SyntheticProject plan = SyntheticProject.write(dir, 50, 3);
        CompiledProject before = compile(dir);
        String changed = plan.changeCandidate().name();

        plan.touch(dir, changed, 1);
        CompiledProject after = compile(dir);

        for (String id : before.nodes().keySet()) {
            boolean differs = !java.util.Objects.equals(before.nodes().get(id).compiledSql(),
                    after.nodes().get(id).compiledSql());
            assertThat(differs).as(id).isEqualTo(id.equals("model.bench." + changed));
        }
        assertThat(plan.downstream(changed)).allSatisfy(d -> assertThat(after.dag()
                .descendants("model.bench." + changed)).contains("model.bench." + d));
    }

    @Test
    void generatedProjectBuildsIntoDuckDb() throws Exception {
        Path project = dir.resolve("project");
        SyntheticProject.write(project, 40, 5);
        Path db = dir.resolve("bench.duckdb");
        try (Connection c = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:" + db, new java.util.Properties());
                Statement s = c.createStatement()) {
            for (String sql : SyntheticProject.sourceTableSql()) {
                s.execute(sql);
            }
        }
        TargetDefinition duck = TargetDefinition.builder("dev").type("duckdb").path(db.toString()).schema("bench")
                .threads(2).origin("test").build();
        Path out = dir.resolve("out");
        WarehouseRequest request = WarehouseRequest.builder().projectDirectory(project).fallbackName("bench")
                .outputDirectory(out).declaredTargets(List.of(duck)).implicitDevPath(out.resolve("x.duckdb"))
                .explicitTarget("dev").explicitUser("bench").systemUserName("bench").userHome(out).skipTests(true)
                .projectVersion("0").build();

        List<NodeResult> results = new Warehouse(request).build();

        assertThat(results).hasSize(43).allSatisfy(r -> assertThat(r.status()).as(r.uniqueId() + ": " + r.message())
                .isEqualTo(NodeStatus.SUCCESS));
    }

    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return out;
    }
}
