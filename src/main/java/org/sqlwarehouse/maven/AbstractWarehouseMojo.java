package org.sqlwarehouse.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.project.MavenProject;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.environment.DevSchemaNaming;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.workflow.Warehouse;
import org.sqlwarehouse.workflow.WarehouseRequest;
import org.sqlwarehouse.workflow.WarehouseRequestBuilder;

/** Reads the parameters every goal shares, hands them to the core and maps its errors. */
public abstract class AbstractWarehouseMojo extends AbstractMojo {

    /** The folder with dbt_project.yml, models/ and seeds/. */
    @Parameter(property = "warehouse.projectDirectory", defaultValue = "${project.basedir}")
    protected File projectDirectory;

    /** Where compiled SQL, manifest.json and run_results.json are written. */
    @Parameter(property = "warehouse.outputDirectory", defaultValue = "${project.build.directory}/warehouse")
    protected File outputDirectory;

    /**
     * The targets: each a connection plus a schema, with the fields name, type, host, port,
     * database, user, password, schema, path, url, threads, serverId, properties, protected. Without
     * any, one DuckDB target "dev" in the build directory. Give a password through serverId or as
     * {@code {{ env_var('X') }}}: Maven prints any other POM value (${env.X} too) at -X, and the goal
     * warns about it.
     */
    @Parameter
    protected List<TargetConfig> targets;

    /** The target to use; wins over an active target-&lt;name&gt; profile. */
    @Parameter(property = "warehouse.target")
    protected String target;

    /** The user the dev schema dbt_&lt;user&gt; is named after; default $WAREHOUSE_USER, then user.name. */
    @Parameter(property = "warehouse.user")
    protected String user;

    /** The prefix of dev schemas. */
    @Parameter(property = "warehouse.devSchemaPrefix", defaultValue = DevSchemaNaming.DEFAULT_PREFIX)
    protected String devSchemaPrefix;

    /** How many nodes run at once; overrides the target's threads. */
    @Parameter(property = "warehouse.threads")
    protected Integer threads;

    /** Vars as a YAML map, as dbt's --vars, e.g. {@code "{start_date: 2024-01-01}"}; win over dbt_project.yml. */
    @Parameter(property = "warehouse.vars")
    protected String vars;

    /** Stop starting new nodes after the first failure. */
    @Parameter(property = "warehouse.failFast", defaultValue = "false")
    protected boolean failFast;

    /** Rebuild incremental models from scratch, as dbt's --full-refresh. */
    @Parameter(property = "warehouse.fullRefresh", defaultValue = "false")
    protected boolean fullRefresh;

    /**
     * With {@code warehouse.eventTimeEnd}, dbt's {@code --event-time-start}: microbatch models build
     * their batches from the batch this time (UTC; a date such as 2024-09-01 or a date and time such
     * as 2024-09-01 06:00:00) falls in, rather than from their lookback window (or begin, on a first
     * run), e.g. to backfill a range of batches.
     */
    @Parameter(property = "warehouse.eventTimeStart")
    protected String eventTimeStart;

    /**
     * dbt's {@code --event-time-end}: microbatch models build their batches up to this time (UTC),
     * exclusive, rather than up to now. Given alone, it stands for "now": the lookback window ends there.
     */
    @Parameter(property = "warehouse.eventTimeEnd")
    protected String eventTimeEnd;

    /**
     * Build without running data tests. On a protected target the data tests gate what a deploy
     * makes live, so this is refused there unless {@code warehouse.allowUntestedDeploy} is true too.
     */
    @Parameter(property = "warehouse.skipTests", defaultValue = "false")
    protected boolean skipTests;

    /**
     * Maven's skipTests, which CI passes to skip Java unit tests: it skips data tests on unprotected
     * (dev) targets only; on a protected target they run all the same, because they gate promotion.
     */
    @Parameter(property = "skipTests", defaultValue = "false")
    protected boolean mavenSkipTests;

    /**
     * Let {@code warehouse.skipTests=true} stage and deploy a candidate to a protected target without
     * its data tests. The deploy is recorded as untested in {@code _warehouse_deployments}; without
     * this, a deploy rebuilds and tests a candidate that was staged untested.
     */
    @Parameter(property = "warehouse.allowUntestedDeploy", defaultValue = "false")
    protected boolean allowUntestedDeploy;

    /** Nodes to build, in dbt's selection syntax: names, +name, name+, tag:x, path:x, unions and intersections. */
    @Parameter(property = "warehouse.select")
    protected String select;

    /** Nodes to leave out, in the same syntax as warehouse.select. */
    @Parameter(property = "warehouse.exclude")
    protected String exclude;

    /**
     * dbt's {@code --defer}: the name of another target (e.g. prod) in the same database. When a
     * selection is built, a {@code ref()} to a node that is not selected and that the current
     * environment does not have reads that target's relation instead, so that one model can be
     * built in a fresh dev schema without building everything upstream of it.
     */
    @Parameter(property = "warehouse.defer")
    protected String defer;

    /**
     * dbt's {@code --favor-state}: with {@code warehouse.defer}, a ref to an unselected node reads the
     * deferred target's relation even when the current environment has its own.
     */
    @Parameter(property = "warehouse.favorState", defaultValue = "false")
    protected boolean favorState;

    /**
     * The target whose state {@code state:} selectors compare with ({@code state:modified},
     * {@code state:new}, {@code state:unmodified}, {@code state:old}, with graph operators such as
     * {@code state:modified+}): a node is modified when the project changed (its SQL, config, the
     * macros it calls, seed content, something upstream), never because the environments render
     * differently. {@code warehouse:environments} counts the differences from it, and
     * {@code warehouse:clone} clones from it. Without it, {@code warehouse.defer} is compared with.
     */
    @Parameter(property = "warehouse.state")
    protected String state;

    /**
     * dbt's {@code --indirect-selection}: which data tests a selection brings along. {@code eager}
     * (default): every test of a selected node; {@code cautious}: only tests whose every parent is
     * selected; {@code buildable}: tests whose parents are selected or upstream of the selection;
     * {@code empty}: only tests selected themselves.
     */
    @Parameter(property = "warehouse.indirectSelection", defaultValue = "eager")
    protected String indirectSelection;

    /** Seconds a deploy waits for another deploy to the same schema before it fails. */
    @Parameter(property = "warehouse.lockTimeout", defaultValue = "60")
    protected int lockTimeout;

    /**
     * Let a deploy drop the relations this project created and no longer has. Each is kept hidden as
     * its {@code __wh_prev} version until the next deploy, so that {@code warehouse:rollback} can put
     * it back.
     */
    @Parameter(property = "warehouse.pruneOrphans", defaultValue = "false")
    protected boolean pruneOrphans;

    /**
     * Let a deploy define views outside the project again over the relations it replaces (in the
     * same transaction), instead of failing because the database binds them to the old version.
     */
    @Parameter(property = "warehouse.recreateOutsideViews", defaultValue = "false")
    protected boolean recreateOutsideViews;

    /** Skip this goal. */
    @Parameter(property = "warehouse.skip", defaultValue = "false")
    protected boolean skip;

    /** The folder holding profiles.yml; before $DBT_PROFILES_DIR, the project directory and ~/.dbt/. */
    @Parameter(property = "warehouse.profilesDir")
    protected String profilesDir;

    /** The profiles.yml profile to read; default: the profile named by dbt_project.yml. */
    @Parameter(property = "warehouse.profile")
    protected String profile;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Component
    protected SettingsDecrypter settingsDecrypter;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping warehouse:" + goal() + " (warehouse.skip=true)");
            return;
        }
        PomCredentials.warnings(targets).forEach(getLog()::warn);
        try {
            run(new Warehouse(request()));
        } catch (WarehouseException e) {
            throw new MojoFailureException(e.describe(), e);
        }
    }

    /** The goal's name, for messages. */
    protected abstract String goal();

    protected abstract void run(Warehouse warehouse) throws WarehouseException;

    WarehouseRequest request() {
        List<TargetDefinition> declared = new ArrayList<>();
        if (targets != null) {
            for (TargetConfig t : targets) {
                declared.add(t.toDefinition("pom.xml"));
            }
        }
        File buildDirectory = new File(project.getBuild().getDirectory());
        WarehouseRequestBuilder builder = WarehouseRequest.builder()
                .projectDirectory(projectDirectory.toPath())
                .fallbackName(project.getArtifactId())
                .outputDirectory(outputDirectory.toPath())
                .declaredTargets(declared)
                .implicitDevPath(buildDirectory.toPath().resolve("warehouse").resolve("dev.duckdb"))
                .explicitTarget(target)
                .activeProfileIds(activeProfileIds())
                .explicitUser(user)
                .devSchemaPrefix(devSchemaPrefix)
                .threadsOverride(threads)
                .vars(vars)
                .failFast(failFast)
                .environment(environment())
                .systemUserName(System.getProperty("user.name"))
                .profilesDir(profilesDir)
                .profileName(profile)
                .userHome(java.nio.file.Path.of(System.getProperty("user.home")))
                .credentials(new SettingsCredentials(session == null ? null : session.getSettings(), settingsDecrypter))
                .fullRefresh(fullRefresh)
                .eventTimeStart(eventTimeStart)
                .eventTimeEnd(eventTimeEnd)
                .skipTests(skipTests)
                .mavenSkipTests(mavenSkipsTests())
                .allowUntestedDeploy(allowUntestedDeploy)
                .select(select)
                .exclude(exclude)
                .defer(defer)
                .favorState(favorState)
                .state(state)
                .indirectSelection(indirectSelection)
                .lockTimeoutSeconds(lockTimeout)
                .pruneOrphans(pruneOrphans)
                .recreateOutsideViews(recreateOutsideViews)
                .projectVersion(project.getVersion())
                .log(new MavenBuildLog(getLog(), MavenBuildLog.warnedIn(project)));
        return withGoalParameters(builder).build();
    }

    /** Adds the parameters only this goal has to the request; a goal with some overrides it. */
    protected WarehouseRequestBuilder withGoalParameters(WarehouseRequestBuilder builder) {
        return builder;
    }

    /** Profiles active for this project (POM, parents and settings.xml) and those requested with -P. */
    List<String> activeProfileIds() {
        Set<String> ids = new LinkedHashSet<>();
        Map<String, List<String>> injected = project.getInjectedProfileIds();
        if (injected != null) {
            injected.values().forEach(ids::addAll);
        }
        if (session != null && session.getRequest() != null) {
            ids.addAll(session.getRequest().getActiveProfiles());
            ids.removeAll(session.getRequest().getInactiveProfiles());
        }
        return new ArrayList<>(ids);
    }

    /** Whether Maven's own switches ask to skip tests; a goal may listen to more of them. */
    protected boolean mavenSkipsTests() {
        return mavenSkipTests;
    }

    /** The process environment; a seam for tests. */
    protected Map<String, String> environment() {
        return System.getenv();
    }
}
