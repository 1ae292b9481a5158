package org.sqlwarehouse.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sqlwarehouse.maven.MojoTestSupport.PARAMS_POM;

import java.nio.file.Path;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * warehouse:debug lists every target of the params POM with where it came from, masks the password
 * and checks the connection of the selected one (dev: a DuckDB file in a temporary folder).
 */
@MojoTest
class DebugMojoTest {
    @TempDir
    Path tmp;

    @Test
    @InjectMojo(goal = "debug", pom = PARAMS_POM)
    @MojoParameter(name = "user", value = "alice")
    void listsTargetsMasksSecretsAndChecksTheConnection(DebugMojo mojo) throws Exception {
        MojoTestSupport.pointAt(mojo, tmp.resolve("project"), tmp.resolve("out"));
        MojoTestSupport.RecordingLog log = new MojoTestSupport.RecordingLog();
        mojo.setLog(log);

        mojo.execute();

        String text = log.text();
        assertThat(text).contains("selected: dev");
        assertThat(log.lines).anySatisfy(l -> assertThat(l).contains("* dev:").contains("type=duckdb")
                .contains("from=pom.xml").contains("schema=dbt_alice"));
        assertThat(log.lines).anySatisfy(l -> assertThat(l).contains("  prod:").contains("host=db.example.com")
                .contains("database=analytics").contains("password=****").contains("protected=true"));
        assertThat(log.lines).anySatisfy(l -> assertThat(l).contains("  staging:").contains("serverId=warehouse-staging")
                .contains("protected=false"));
        assertThat(text).contains("Connection to target 'dev' OK");
        // credentials are never printed
        assertThat(text).doesNotContain("s3cret");
        // the dev target's relative path resolves against the project directory
        assertThat(tmp.resolve("project/target/dev.duckdb")).isRegularFile();
    }
}
