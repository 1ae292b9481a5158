package org.sqlwarehouse.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.bench.SyntheticProject;
import org.sqlwarehouse.dialect.DuckDbDialect;
import org.sqlwarehouse.project.ProjectLoader;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.ProjectFiles;

/** Rendering the first pass on several threads gives what rendering it on one gives, logs and errors included. */
class ParallelCompileTest {
    @TempDir
    Path dir;

    private ResolvedTarget target;

    @BeforeEach
    void setUp() throws Exception {
        target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type("duckdb").path("x.duckdb").build(),
                "dbt_", "alice", null);
    }

    private void write(String relative, String content) throws IOException {
        ProjectFiles.write(dir, relative, content);
    }

    private CompiledProject compile(int threads, BuildLog log) throws Exception {
        return new ProjectCompiler(threads, 1).compile(ProjectLoader.load(dir, "fallback"),
                new CompileSettings(target, new DuckDbDialect(), Map.of(), Map.of(), log));
    }

    @Test
    void theSyntheticProjectCompilesTheSameOnFourThreadsAsOnOne() throws Exception {
        SyntheticProject.write(dir, 400, 11);

        CompiledProject serial = compile(1, BuildLog.SILENT);
        CompiledProject parallel = compile(4, BuildLog.SILENT);

        assertThat(new ArrayList<>(parallel.nodes().keySet())).containsExactlyElementsOf(serial.nodes().keySet());
        assertThat(new ArrayList<>(parallel.nodes().values())).containsExactlyElementsOf(serial.nodes().values());
        assertThat(parallel.dag().topologicalOrder()).containsExactlyElementsOf(serial.dag().topologicalOrder());
    }

    @Test
    void logsAndErrorsComeInModelOrder() throws Exception {
        write("dbt_project.yml", "name: shop\n");
        write("macros/shout.sql", "{% macro shout(x) %}{{ log('macro ' ~ x, info=True) }}{{ x | upper }}{% endmacro %}");
        for (int i = 0; i < 60; i++) {
            String name = String.format("m%02d", i);
            String body = "{{ log('start " + name + "', info=True) }}{{ log('debug " + name + "') }}"
                    + "select '{{ shout('" + name + "') }}' as x\n{{ exceptions.warn('careful " + name + "') }}";
            if (i % 7 == 3) {
                body += "\n{{ ref('missing_" + name + "') }}\n{{ undefined_" + name + " }}";
            }
            if (i % 11 == 5) {
                body += "\n{{ exceptions.raise_compiler_error('broken " + name + "') }}";
            }
            write("models/" + name + ".sql", body);
        }

        RecordingLog serialLog = new RecordingLog();
        CompileException serial = compileFailure(1, serialLog);
        RecordingLog parallelLog = new RecordingLog();
        CompileException parallel = compileFailure(4, parallelLog);

        assertThat(serial.problems()).hasSizeGreaterThan(10);
        assertThat(parallel.problems()).containsExactlyElementsOf(serial.problems());
        assertThat(parallel.getMessage()).isEqualTo(serial.getMessage());
        assertThat(serialLog.lines).contains("info start m00", "info macro m00", "debug debug m00")
                .anyMatch(l -> l.startsWith("warn models/m00.sql line 2: careful m00"));
        assertThat(parallelLog.lines).containsExactlyElementsOf(serialLog.lines);
    }

    private CompileException compileFailure(int threads, BuildLog log) {
        Throwable thrown = catchThrowable(() -> compile(threads, log));
        assertThat(thrown).isInstanceOf(CompileException.class);
        return (CompileException) thrown;
    }

    private static final class RecordingLog implements BuildLog {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void info(String message) {
            lines.add("info " + message);
        }

        @Override
        public void warn(String message) {
            lines.add("warn " + message);
        }

        @Override
        public void error(String message) {
            lines.add("error " + message);
        }

        @Override
        public void debug(String message) {
            lines.add("debug " + message);
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }
    }
}
