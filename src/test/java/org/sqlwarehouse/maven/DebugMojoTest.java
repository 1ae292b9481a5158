package org.sqlwarehouse.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sqlwarehouse.maven.MojoTestSupport.PARAMS_POM;
import static org.sqlwarehouse.maven.MojoTestSupport.PROTECTION_POM;

import java.nio.file.Path;
import java.util.List;
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
                .contains("database=analytics").contains("password=****")
                .contains("protected=yes (explicit protected: true in pom.xml)"));
        assertThat(log.lines).anySatisfy(l -> assertThat(l).contains("  staging:").contains("serverId=warehouse-staging")
                .contains("protected=no (explicit protected: false in pom.xml)"));
        assertThat(log.lines).anySatisfy(l -> assertThat(l).contains("* dev:")
                .contains("protected=no (no schema: each user builds into their own dev schema)"));
        assertThat(text).contains("Connection to target 'dev' OK");
        // credentials are never printed
        assertThat(text).doesNotContain("s3cret");
        // the dev target's relative path resolves against the project directory
        assertThat(tmp.resolve("project/target/dev.duckdb")).isRegularFile();
    }

    @Test
    @InjectMojo(goal = "debug", pom = PROTECTION_POM)
    @MojoParameter(name = "user", value = "alice")
    void saysForEachTargetWhetherItIsProtectedAndWhy(DebugMojo mojo) throws Exception {
        MojoTestSupport.pointAt(mojo, tmp.resolve("project"), tmp.resolve("out"));
        MojoTestSupport.RecordingLog log = new MojoTestSupport.RecordingLog();
        mojo.setLog(log);

        mojo.execute();

        assertThat(protection(log, "* dev")).isEqualTo("no (no schema: each user builds into their own dev schema)");
        assertThat(protection(log, "  prod-eu")).isEqualTo("yes (name 'prod-eu' contains 'prod')");
        assertThat(protection(log, "  reporting")).isEqualTo(
                "yes (declared schema 'reporting' is shared; say protected: false to build it in place)");
        assertThat(protection(log, "  dev-pg")).isEqualTo("no (no schema: each user builds into their own dev schema)");
        assertThat(protection(log, "  sandbox")).isEqualTo("no (name 'sandbox' contains 'sandbox', a development target)");
        assertThat(protection(log, "  staging")).isEqualTo("no (explicit protected: false in pom.xml)");
        assertThat(log.text()).contains("Connection to target 'dev' OK").doesNotContain("s3cret");
    }

    @Test
    @InjectMojo(goal = "debug", pom = PROTECTION_POM)
    @MojoParameter(name = "user", value = "alice")
    void warnsOnceOfEachUnprotectedTargetThatLogsInAsAProtectedOne(DebugMojo mojo) throws Exception {
        MojoTestSupport.pointAt(mojo, tmp.resolve("project"), tmp.resolve("out"));
        MojoTestSupport.RecordingLog log = new MojoTestSupport.RecordingLog();
        mojo.setLog(log);

        mojo.execute();

        List<String> warnings = log.lines.stream().filter(l -> l.startsWith("[WARNING]"))
                .filter(l -> l.contains("connects to the database of protected")).toList();
        // dev-pg and staging log in as prod-eu and reporting do: host, port and database written two
        // ways, the user as a field or in the URL; sandbox has a user of its own, dev is another database
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains("Target 'dev-pg' connects to the database of protected targets"
                + " 'prod-eu', 'reporting' (jdbc:postgresql://db.example.com:5432/analytics) as the same login,"
                + " user 'loader'").contains("each user builds with their own credentials");
        assertThat(warnings.get(1)).contains("Target 'staging' connects").contains("'prod-eu', 'reporting'");
        assertThat(log.text()).doesNotContain("s3cret").doesNotContain("Target 'sandbox' connects")
                .doesNotContain("Target 'dev' connects");
    }

    /** What the debug line of a target says after protected=. */
    private static String protection(MojoTestSupport.RecordingLog log, String marker) {
        String line = log.lines.stream().filter(l -> l.startsWith("[INFO] " + marker + ":")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + marker + " in\n" + log.text()));
        return line.substring(line.indexOf("protected=") + "protected=".length());
    }
}
