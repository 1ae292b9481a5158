package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.engine.EventTimeRange;
import org.sqlwarehouse.environment.CredentialResolver;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.project.EventTimes;
import org.sqlwarehouse.report.BuildLog;

/**
 * Everything a goal is given, free of Maven types. Made with {@link #builder()}: every field has a
 * default but the project directory, the output directory and the log.
 */
public final class WarehouseRequest {
    private final Path projectDirectory;
    private final String fallbackName;
    private final Path outputDirectory;
    private final List<TargetDefinition> declaredTargets;
    private final Path implicitDevPath;
    private final String explicitTarget;
    private final List<String> activeProfileIds;
    private final String explicitUser;
    private final String devSchemaPrefix;
    private final Integer threadsOverride;
    private final String vars;
    private final boolean failFast;
    private final Map<String, String> environment;
    private final String systemUserName;
    private final String profilesDir;
    private final String profileName;
    private final Path userHome;
    private final CredentialResolver credentials;
    private final boolean fullRefresh;
    private final String eventTimeStart;
    private final String eventTimeEnd;
    private final boolean skipTests;
    private final boolean mavenSkipTests;
    private final boolean allowUntestedDeploy;
    private final String select;
    private final String exclude;
    private final String defer;
    private final boolean favorState;
    private final String state;
    private final String indirectSelection;
    private final int lockTimeoutSeconds;
    private final boolean pruneOrphans;
    private final boolean recreateOutsideViews;
    private final String projectVersion;
    private final String olderThan;
    private final boolean dryRun;
    private final BuildLog log;

    WarehouseRequest(WarehouseRequestBuilder b) {
        this.projectDirectory = Objects.requireNonNull(b.projectDirectory, "projectDirectory");
        this.fallbackName = b.fallbackName;
        this.outputDirectory = Objects.requireNonNull(b.outputDirectory, "outputDirectory");
        this.declaredTargets = List.copyOf(b.declaredTargets);
        this.implicitDevPath = b.implicitDevPath != null ? b.implicitDevPath
                : outputDirectory.resolve("dev.duckdb");
        this.explicitTarget = b.explicitTarget;
        this.activeProfileIds = List.copyOf(b.activeProfileIds);
        this.explicitUser = b.explicitUser;
        this.devSchemaPrefix = b.devSchemaPrefix;
        this.threadsOverride = b.threadsOverride;
        this.vars = b.vars;
        this.failFast = b.failFast;
        this.environment = Map.copyOf(b.environment);
        this.systemUserName = b.systemUserName;
        this.profilesDir = b.profilesDir;
        this.profileName = b.profileName;
        this.userHome = b.userHome != null ? b.userHome : projectDirectory.resolve(".no-home");
        this.credentials = b.credentials;
        this.fullRefresh = b.fullRefresh;
        this.eventTimeStart = b.eventTimeStart;
        this.eventTimeEnd = b.eventTimeEnd;
        this.skipTests = b.skipTests;
        this.mavenSkipTests = b.mavenSkipTests;
        this.allowUntestedDeploy = b.allowUntestedDeploy;
        this.select = b.select;
        this.exclude = b.exclude;
        this.defer = blankToNull(b.defer);
        this.favorState = b.favorState;
        this.state = blankToNull(b.state);
        this.indirectSelection = b.indirectSelection;
        this.lockTimeoutSeconds = b.lockTimeoutSeconds;
        this.pruneOrphans = b.pruneOrphans;
        this.recreateOutsideViews = b.recreateOutsideViews;
        this.projectVersion = b.projectVersion;
        this.olderThan = b.olderThan;
        this.dryRun = b.dryRun;
        this.log = Objects.requireNonNull(b.log, "log");
    }

    public static WarehouseRequestBuilder builder() {
        return new WarehouseRequestBuilder();
    }

    /** Where dbt_project.yml and models/ are. */
    public Path projectDirectory() {
        return projectDirectory;
    }

    /** The project name without dbt_project.yml (the artifactId). */
    public String fallbackName() {
        return fallbackName;
    }

    /** target/warehouse. */
    public Path outputDirectory() {
        return outputDirectory;
    }

    /** Targets from the POM. */
    public List<TargetDefinition> declaredTargets() {
        return declaredTargets;
    }

    /** The DuckDB file of the implicit dev target. */
    public Path implicitDevPath() {
        return implicitDevPath;
    }

    /** warehouse.target, or null. */
    public String explicitTarget() {
        return explicitTarget;
    }

    /** Ids of the active Maven profiles. */
    public List<String> activeProfileIds() {
        return activeProfileIds;
    }

    /** warehouse.user, or null. */
    public String explicitUser() {
        return explicitUser;
    }

    /** dbt_ unless configured. */
    public String devSchemaPrefix() {
        return devSchemaPrefix;
    }

    /** warehouse.threads, or null. */
    public Integer threadsOverride() {
        return threadsOverride;
    }

    /** warehouse.vars as YAML, or null. */
    public String vars() {
        return vars;
    }

    public boolean failFast() {
        return failFast;
    }

    /** The process environment (env_var, WAREHOUSE_USER). */
    public Map<String, String> environment() {
        return environment;
    }

    /** The system property user.name. */
    public String systemUserName() {
        return systemUserName;
    }

    /** warehouse.profilesDir, or null. */
    public String profilesDir() {
        return profilesDir;
    }

    /** warehouse.profile, or null (then dbt_project.yml's profile). */
    public String profileName() {
        return profileName;
    }

    /** Where ~/.dbt/profiles.yml is looked for. */
    public Path userHome() {
        return userHome;
    }

    /** Resolves the selected target's serverId. */
    public CredentialResolver credentials() {
        return credentials;
    }

    /** warehouse.fullRefresh: rebuild incremental models whole. */
    public boolean fullRefresh() {
        return fullRefresh;
    }

    /**
     * warehouse.eventTimeStart and warehouse.eventTimeEnd (dbt's --event-time-start/--event-time-end):
     * the times, UTC, microbatch models build their batches between.
     */
    public EventTimeRange eventTimes() throws WarehouseException {
        return new EventTimeRange(eventTime("warehouse.eventTimeStart", eventTimeStart),
                eventTime("warehouse.eventTimeEnd", eventTimeEnd));
    }

    private static LocalDateTime eventTime(String property, String value) throws WarehouseException {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return EventTimes.parse(value);
        } catch (IllegalArgumentException e) {
            throw new WarehouseException(property + ": " + e.getMessage() + ".");
        }
    }

    /** warehouse.skipTests: build without data tests (on a protected target only with allowUntestedDeploy). */
    public boolean skipTests() {
        return skipTests;
    }

    /** Maven's skipTests: skips data tests on unprotected targets only; on a protected one they gate promotion. */
    public boolean mavenSkipTests() {
        return mavenSkipTests;
    }

    /** warehouse.allowUntestedDeploy: lets warehouse.skipTests stage and promote an untested candidate. */
    public boolean allowUntestedDeploy() {
        return allowUntestedDeploy;
    }

    /** warehouse.select, dbt's selection syntax, or null for all. */
    public String select() {
        return select;
    }

    /** warehouse.state: the target the state: selectors compare with and clone copies from, or null. */
    public String state() {
        return state;
    }

    /** warehouse.defer: the target whose relations refs to unselected nodes the environment lacks read, or null. */
    public String defer() {
        return defer;
    }

    /**
     * The target state: selectors compare with: warehouse.state, else warehouse.defer (DESIGN
     * section 10), else null.
     */
    public String stateTarget() {
        return state != null ? state : defer;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** warehouse.exclude, or null. */
    public String exclude() {
        return exclude;
    }

    /** warehouse.favorState: with warehouse.defer, refs to unselected nodes read that target even when present. */
    public boolean favorState() {
        return favorState;
    }

    /** warehouse.indirectSelection (eager, cautious, buildable, empty), or null for eager. */
    public String indirectSelection() {
        return indirectSelection;
    }

    /** How long a build or deploy waits for another one to the same schema to finish. */
    public int lockTimeoutSeconds() {
        return lockTimeoutSeconds;
    }

    /** Whether a deploy drops relations the project no longer has. */
    public boolean pruneOrphans() {
        return pruneOrphans;
    }

    /** Whether a deploy defines views outside the project again over the relations it replaces. */
    public boolean recreateOutsideViews() {
        return recreateOutsideViews;
    }

    /** The Maven project's version, recorded with each deploy. */
    public String projectVersion() {
        return projectVersion;
    }

    /**
     * warehouse.olderThan as given (e.g. 14d), or null: drop-schema then drops every old environment
     * of the project rather than the user's own.
     */
    public String olderThan() {
        return olderThan;
    }

    /** warehouse.dryRun: drop-schema lists what it would drop and keep, and drops nothing. */
    public boolean dryRun() {
        return dryRun;
    }

    public BuildLog log() {
        return log;
    }
}
