package org.sqlwarehouse.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sqlwarehouse.maven.MojoTestSupport.DUCKDB_POM;

import java.nio.file.Path;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * warehouse.skip=true: a goal does nothing at all. Each test points the Mojo at a real project and
 * a DuckDB target in a temporary folder, so that any work would leave files behind.
 */
@MojoTest
class SkipMojoTest {
    @TempDir
    Path tmp;

    private Path project;
    private Path output;

    private void prepare(AbstractWarehouseMojo mojo) throws Exception {
        project = MojoTestSupport.writeTinyProject(tmp.resolve("project"));
        output = tmp.resolve("out");
        MojoTestSupport.pointAt(mojo, project, output);
        mojo.project.getBuild().setDirectory(tmp.resolve("build").toString());
    }

    private void assertNothingWritten() {
        assertThat(output).doesNotExist();
        assertThat(project.resolve("db")).doesNotExist();
        assertThat(tmp.resolve("build")).doesNotExist();
    }

    private void executeSkipped(AbstractWarehouseMojo mojo, String goal) throws Exception {
        MojoTestSupport.RecordingLog log = new MojoTestSupport.RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        assertThat(log.lines).containsExactly("[INFO] Skipping warehouse:" + goal + " (warehouse.skip=true)");
        assertNothingWritten();
    }

    @Test
    @InjectMojo(goal = "compile", pom = DUCKDB_POM)
    @MojoParameter(name = "skip", value = "true")
    void compile(CompileMojo mojo) throws Exception {
        prepare(mojo);
        executeSkipped(mojo, "compile");
    }

    @Test
    @InjectMojo(goal = "build", pom = DUCKDB_POM)
    @MojoParameter(name = "skip", value = "true")
    void build(BuildMojo mojo) throws Exception {
        prepare(mojo);
        executeSkipped(mojo, "build");
    }

    @Test
    @InjectMojo(goal = "deploy", pom = DUCKDB_POM)
    @MojoParameter(name = "skip", value = "true")
    void deploy(DeployMojo mojo) throws Exception {
        prepare(mojo);
        executeSkipped(mojo, "deploy");
    }

    @Test
    @InjectMojo(goal = "debug", pom = DUCKDB_POM)
    @MojoParameter(name = "skip", value = "true")
    void debug(DebugMojo mojo) throws Exception {
        prepare(mojo);
        executeSkipped(mojo, "debug");
    }

    /** Skipping also wins over a target that could not even be selected. */
    @Test
    @InjectMojo(goal = "build", pom = DUCKDB_POM)
    @MojoParameter(name = "skip", value = "true")
    @MojoParameter(name = "target", value = "no-such-target")
    void skipWinsOverAnUnknownTarget(BuildMojo mojo) throws Exception {
        prepare(mojo);
        executeSkipped(mojo, "build");
    }

    /** The control: the same setup without skip does write, so the assertions above mean something. */
    @Test
    @InjectMojo(goal = "build", pom = DUCKDB_POM)
    @MojoParameter(name = "user", value = "alice")
    void withoutSkipTheSameSetupWrites(BuildMojo mojo) throws Exception {
        prepare(mojo);
        mojo.setLog(new MojoTestSupport.RecordingLog());
        mojo.execute();
        assertThat(output.resolve("manifest.json")).isRegularFile();
        assertThat(project.resolve("db/dev.duckdb")).isRegularFile();
    }
}
