package org.sqlwarehouse.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.sqlwarehouse.maven.MojoTestSupport.PARAMS_POM;

import java.io.File;
import java.util.Properties;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.workflow.Warehouse;

/**
 * The user properties of DESIGN.md section 5 (-Dwarehouse.target=... and so on) map onto the Mojo
 * parameters of every goal. The session is our own (a Mockito mock of a Maven object) so that the
 * properties exist before the harness configures the Mojo.
 */
@MojoTest
class UserPropertiesMojoTest {
    private static final File PROJECT_DIR = new File(System.getProperty("java.io.tmpdir"),
            "warehouse-mojo-props-" + ProcessHandle.current().pid() + "/project");
    private static final File OUTPUT_DIR = new File(PROJECT_DIR.getParentFile(), "out");

    private final Properties userProperties = new Properties();

    {
        userProperties.setProperty("warehouse.target", "staging");
        userProperties.setProperty("warehouse.user", "alice");
        userProperties.setProperty("warehouse.threads", "3");
        userProperties.setProperty("warehouse.vars", "{min_amount: 10}");
        userProperties.setProperty("warehouse.failFast", "true");
        userProperties.setProperty("warehouse.skip", "true");
        userProperties.setProperty("warehouse.devSchemaPrefix", "dev_");
        userProperties.setProperty("warehouse.projectDirectory", PROJECT_DIR.getAbsolutePath());
        userProperties.setProperty("warehouse.outputDirectory", OUTPUT_DIR.getAbsolutePath());
        userProperties.setProperty("warehouse.profilesDir", "conf/dbt");
        userProperties.setProperty("warehouse.profile", "shop");
    }

    /** Replaces the harness's session; it still stubs getCurrentProject and getRequest on it. */
    @Provides
    MavenSession session() {
        MavenSession session = mock(MavenSession.class);
        lenient().when(session.getUserProperties()).thenReturn(userProperties);
        lenient().when(session.getSystemProperties()).thenReturn(new Properties());
        // staging takes its credentials from the settings.xml server named by its serverId
        Server server = new Server();
        server.setId("warehouse-staging");
        server.setUsername("stager");
        server.setPassword("staging-pw");
        Settings settings = new Settings();
        settings.addServer(server);
        lenient().when(session.getSettings()).thenReturn(settings);
        return session;
    }

    private static void assertPropertiesApplied(AbstractWarehouseMojo mojo) {
        assertThat(mojo.target).isEqualTo("staging");
        assertThat(mojo.user).isEqualTo("alice");
        assertThat(mojo.threads).isEqualTo(3);
        assertThat(mojo.vars).isEqualTo("{min_amount: 10}");
        assertThat(mojo.failFast).isTrue();
        assertThat(mojo.skip).isTrue();
        assertThat(mojo.devSchemaPrefix).isEqualTo("dev_");
        assertThat(mojo.projectDirectory).isEqualTo(PROJECT_DIR);
        assertThat(mojo.outputDirectory).isEqualTo(OUTPUT_DIR);
        assertThat(mojo.profilesDir).isEqualTo("conf/dbt");
        assertThat(mojo.profile).isEqualTo("shop");
        // properties do not replace what only the POM can say
        assertThat(mojo.targets).hasSize(3);
    }

    @Test
    @InjectMojo(goal = "compile", pom = PARAMS_POM)
    void compile(CompileMojo mojo) {
        assertPropertiesApplied(mojo);
    }

    @Test
    @InjectMojo(goal = "build", pom = PARAMS_POM)
    void build(BuildMojo mojo) {
        assertPropertiesApplied(mojo);
    }

    @Test
    @InjectMojo(goal = "deploy", pom = PARAMS_POM)
    void deploy(DeployMojo mojo) {
        assertPropertiesApplied(mojo);
    }

    @Test
    @InjectMojo(goal = "debug", pom = PARAMS_POM)
    void debug(DebugMojo mojo) {
        assertPropertiesApplied(mojo);
    }

    /** warehouse.target picks the target and warehouse.threads overrides the target's own threads. */
    @Test
    @InjectMojo(goal = "build", pom = PARAMS_POM)
    void propertiesDriveTheSelection(BuildMojo mojo) throws Exception {
        // there is no profiles.yml behind conf/dbt: keep that lookup out of this test
        MojoExtension.setVariableValueToObject(mojo, "profilesDir", null);
        MojoExtension.setVariableValueToObject(mojo, "profile", null);
        var selection = new Warehouse(mojo.request()).select();
        assertThat(selection.target().name()).isEqualTo("staging");
        assertThat(selection.target().schema()).isEqualTo("staging");
        assertThat(selection.target().threads()).isEqualTo(3);
        assertThat(selection.target().definition().user()).isEqualTo("stager");
    }

    /** -Dwarehouse.skip=true: the goal returns before reading the project or touching a database. */
    @Test
    @InjectMojo(goal = "build", pom = PARAMS_POM)
    void skipPropertySkipsTheGoal(BuildMojo mojo) throws Exception {
        MojoTestSupport.RecordingLog log = new MojoTestSupport.RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        assertThat(log.text()).contains("Skipping warehouse:build");
        assertThat(OUTPUT_DIR).doesNotExist();
        assertThat(PROJECT_DIR.getParentFile()).doesNotExist();
    }
}
