package org.sqlwarehouse.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password written in the POM (as a value, or ${env.X} that Maven has already put in) reaches
 * Maven's own -X configuration dump: the goal warns, naming the target and the safe routes, and
 * never the password; a template or a serverId draws no warning.
 */
@MojoTest
class PomCredentialsMojoTest {
    @TempDir
    Path tmp;

    @Test
    @InjectMojo(goal = "compile", pom = "src/test/resources/mojo/credentials/pom.xml")
    @MojoParameter(name = "user", value = "alice")
    void aPasswordInThePomIsWarnedAboutWithTheSafeRoutes(CompileMojo mojo) throws Exception {
        MojoTestSupport.pointAt(mojo, MojoTestSupport.writeTinyProject(tmp.resolve("project")), tmp.resolve("out"));
        mojo.project.getBuild().setDirectory(tmp.resolve("target").toString());
        MojoTestSupport.RecordingLog log = new MojoTestSupport.RecordingLog();
        mojo.setLog(log);

        mojo.execute();

        assertThat(log.lines).filteredOn(l -> l.startsWith("[WARNING]") && l.contains("-X"))
                .hasSize(4)
                .anySatisfy(l -> assertThat(l).contains("'literal'").contains("<password>"))
                .anySatisfy(l -> assertThat(l).contains("'inurl'").contains("<url>"))
                .anySatisfy(l -> assertThat(l).contains("'userinfo'").contains("<url>"))
                .anySatisfy(l -> assertThat(l).contains("'inproperties'").contains("<sslpassword>"))
                .allSatisfy(l -> assertThat(l).contains("<serverId>").contains("{{ env_var('PG_PASSWORD') }}"));
        assertThat(log.text()).doesNotContain("'templated'").doesNotContain("'fromsettings'")
                .doesNotContain("Secret");
    }
}
