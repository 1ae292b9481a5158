package org.sqlwarehouse.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.sqlwarehouse.maven.MojoTestSupport.PARAMS_POM;
import static org.sqlwarehouse.maven.MojoTestSupport.selectedTarget;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.workflow.Warehouse;

/**
 * Which target a goal uses (DESIGN.md section 4): warehouse.target, else the one active
 * target-&lt;name&gt; profile, else dev. Maven reports active profiles in two places, both read here:
 * the project's injected profile ids (POM, parent and settings.xml profiles, however activated) and
 * the request's -P list. The targets are dev, prod and staging from the params POM.
 */
@MojoTest
class TargetSelectionMojoTest {
    private static final String POM_ID = "org.sqlwarehouse.test:params:1.0";

    @TempDir
    Path tmp;

    /** A real project, as Maven would build it from the POM; the test adds its active profiles. */
    private final MavenProject project = newProject();
    /** A real request; the session around it is a mock, as a Maven object may be. */
    private final MavenExecutionRequest request = new DefaultMavenExecutionRequest();

    private static MavenProject newProject() {
        Model model = new Model();
        model.setGroupId("org.sqlwarehouse.test");
        model.setArtifactId("params");
        model.setVersion("1.0");
        MavenProject p = new MavenProject(model);
        File basedir = new File(System.getProperty("java.io.tmpdir"), "warehouse-mojo-selection");
        p.setFile(new File(basedir, "pom.xml"));
        p.getBuild().setDirectory(new File(basedir, "target").getPath());
        return p;
    }

    @Provides
    MavenProject project() {
        return project;
    }

    @Provides
    MavenSession session() {
        MavenSession session = mock(MavenSession.class);
        lenient().when(session.getRequest()).thenReturn(request);
        lenient().when(session.getCurrentProject()).thenReturn(project);
        lenient().when(session.getUserProperties()).thenReturn(new Properties());
        lenient().when(session.getSystemProperties()).thenReturn(new Properties());
        // staging names serverId warehouse-staging: its credentials come from settings.xml
        Server server = new Server();
        server.setId("warehouse-staging");
        server.setUsername("stager");
        server.setPassword("staging-pw");
        Settings settings = new Settings();
        settings.addServer(server);
        lenient().when(session.getSettings()).thenReturn(settings);
        return session;
    }

    /** A profile active in the POM (by id, env, property or file): Maven injects it into the project. */
    private void activeInPom(String... ids) {
        project.setInjectedProfileIds(POM_ID, List.of(ids));
    }

    /** -P ids */
    private void requested(String... ids) {
        for (String id : ids) {
            request.addActiveProfile(id);
        }
    }

    private static ResolvedTarget resolved(AbstractWarehouseMojo mojo) throws Exception {
        return new Warehouse(mojo.request()).select().target();
    }

    /** execute() of a goal whose selection fails: points the Mojo at an empty folder first. */
    private MojoFailureException failureOf(AbstractWarehouseMojo mojo) throws Exception {
        MojoTestSupport.pointAt(mojo, tmp.resolve("project"), tmp.resolve("out"));
        mojo.setLog(new MojoTestSupport.RecordingLog());
        try {
            mojo.execute();
        } catch (MojoFailureException e) {
            return e;
        }
        throw new AssertionError("expected a MojoFailureException");
    }

    @Test
    @InjectMojo(goal = "build", pom = PARAMS_POM)
    @MojoParameter(name = "user", value = "alice")
    void theHarnessUsesOurProjectAndSession(BuildMojo mojo) {
        // otherwise every assertion below would be about the harness's own mocks
        assertThat(mojo.project).isSameAs(project);
        assertThat(mojo.session.getRequest()).isSameAs(request);
    }

    @Test
    @InjectMojo(goal = "build", pom = PARAMS_POM)
    @MojoParameter(name = "user", value = "alice")
    void withoutTargetProfileItIsDev(BuildMojo mojo) throws Exception {
        activeInPom("ci", "release");
        ResolvedTarget target = resolved(mojo);
        assertThat(target.name()).isEqualTo("dev");
        assertThat(target.schema()).isEqualTo("dbt_alice");
        assertThat(target.isProtected()).isFalse();
    }

    @Test
    @InjectMojo(goal = "deploy", pom = PARAMS_POM)
    void profileActiveInThePomSelectsProd(DeployMojo mojo) throws Exception {
        activeInPom("ci", "target-prod");
        assertThat(mojo.activeProfileIds()).containsExactly("ci", "target-prod");
        ResolvedTarget target = resolved(mojo);
        assertThat(target.name()).isEqualTo("prod");
        assertThat(target.schema()).isEqualTo("analytics");
        assertThat(target.isProtected()).isTrue();
        assertThat(target.threads()).isEqualTo(8);
        assertThat(target.definition().properties()).containsEntry("sslmode", "require");
    }

    @Test
    @InjectMojo(goal = "deploy", pom = PARAMS_POM)
    void profileFromSettingsXmlSelectsProd(DeployMojo mojo) throws Exception {
        // settings.xml profiles are injected under their own key, not the POM's
        project.setInjectedProfileIds("external", List.of("target-prod"));
        assertThat(selectedTarget(mojo)).isEqualTo("prod");
    }

    @Test
    @InjectMojo(goal = "deploy", pom = PARAMS_POM)
    void profileRequestedWithDashPSelectsIt(DeployMojo mojo) throws Exception {
        requested("target-staging");
        assertThat(mojo.activeProfileIds()).containsExactly("target-staging");
        ResolvedTarget target = resolved(mojo);
        assertThat(target.name()).isEqualTo("staging");
        // the selected target's serverId is resolved from the session's settings.xml
        assertThat(target.definition().user()).isEqualTo("stager");
        assertThat(target.definition().password()).isEqualTo("staging-pw");
        assertThat(target.definition().origin()).contains("settings.xml");
    }

    @Test
    @InjectMojo(goal = "deploy", pom = PARAMS_POM)
    void oneProfileSeenInBothPlacesIsOneTarget(DeployMojo mojo) throws Exception {
        // -Ptarget-prod of a profile the POM declares: Maven reports it both as requested and injected
        activeInPom("target-prod");
        requested("target-prod");
        assertThat(mojo.activeProfileIds()).containsExactly("target-prod");
        assertThat(selectedTarget(mojo)).isEqualTo("prod");
    }

    @Test
    @InjectMojo(goal = "deploy", pom = PARAMS_POM)
    void aDeactivatedProfileDoesNotSelect(DeployMojo mojo) throws Exception {
        // -P target-staging,!target-prod
        requested("target-staging");
        request.addInactiveProfile("target-prod");
        assertThat(selectedTarget(mojo)).isEqualTo("staging");
    }

    @Test
    @InjectMojo(goal = "deploy", pom = PARAMS_POM)
    @MojoParameter(name = "target", value = "staging")
    void warehouseTargetWinsOverTheProfile(DeployMojo mojo) throws Exception {
        activeInPom("target-prod");
        assertThat(selectedTarget(mojo)).isEqualTo("staging");
    }

    @Test
    @InjectMojo(goal = "deploy", pom = PARAMS_POM)
    @MojoParameter(name = "target", value = "dev")
    void warehouseTargetAlsoSettlesTwoActiveProfiles(DeployMojo mojo) throws Exception {
        activeInPom("target-prod");
        requested("target-staging");
        assertThat(selectedTarget(mojo)).isEqualTo("dev");
    }

    @Test
    @InjectMojo(goal = "compile", pom = PARAMS_POM)
    void twoTargetProfilesFailNamingBoth(CompileMojo mojo) throws Exception {
        activeInPom("target-prod");
        requested("target-staging");
        MojoFailureException e = failureOf(mojo);
        assertThat(e.getMessage()).contains("target-prod").contains("target-staging");
        // nothing was compiled
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "build", pom = PARAMS_POM)
    @MojoParameter(name = "target", value = "qa")
    void unknownWarehouseTargetFailsListingTheTargets(BuildMojo mojo) throws Exception {
        MojoFailureException e = failureOf(mojo);
        assertThat(e.getMessage()).contains("'qa'").contains("dev, prod, staging");
    }

    @Test
    @InjectMojo(goal = "deploy", pom = PARAMS_POM)
    void unknownTargetProfileFailsListingTheTargets(DeployMojo mojo) throws Exception {
        requested("target-qa");
        MojoFailureException e = failureOf(mojo);
        assertThat(e.getMessage()).contains("'qa'").contains("target-qa").contains("dev, prod, staging");
    }
}
