package org.sqlwarehouse.workflow;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompileSettings;
import org.sqlwarehouse.compile.CompiledArtifacts;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.compile.ProjectCompiler;
import org.sqlwarehouse.compile.YamlTemplates;
import org.sqlwarehouse.deps.InstalledPackagesCheck;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.Dialects;
import org.sqlwarehouse.engine.BuildFailedException;
import org.sqlwarehouse.engine.ConnectionPools;
import org.sqlwarehouse.engine.NameClashes;
import org.sqlwarehouse.engine.SqlFailures;
import org.sqlwarehouse.engine.DatabaseInUseException;
import org.sqlwarehouse.engine.UrlMasking;
import org.sqlwarehouse.project.DbtProject;
import org.sqlwarehouse.project.ProjectLoader;
import org.sqlwarehouse.project.YamlFiles;
import org.sqlwarehouse.report.ArtifactMetadata;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.report.NodeResult;
import org.sqlwarehouse.report.RunResultsWriter;
import org.sqlwarehouse.environment.DevSchemaNaming;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.environment.TargetCatalog;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.environment.TargetSelection;
import org.sqlwarehouse.environment.TargetTemplates;
import org.sqlwarehouse.environment.ProfileTargets;
import org.sqlwarehouse.environment.ProfilesLocator;
import org.sqlwarehouse.environment.ProfilesReader;
import org.sqlwarehouse.project.ProjectSettings;
import java.nio.file.Path;
import java.util.Optional;

/** What each goal does, in terms of the core: one method per goal. */
public final class Warehouse {
    private final WarehouseRequest request;
    private final BuildLog log;

    public Warehouse(WarehouseRequest request) {
        this.request = request;
        this.log = request.log();
    }

    /** The catalog of targets and the one selected. */
    public record Selection(TargetCatalog catalog, ResolvedTarget target, Dialect dialect) {
    }

    public Selection select() throws WarehouseException {
        TargetCatalog catalog = TargetCatalog.of(request.declaredTargets(), profile(), request.implicitDevPath());
        String name = TargetSelection.select(catalog.names(), request.explicitTarget(),
                request.activeProfileIds(), catalog.defaultTarget());
        return resolve(catalog, name);
    }

    /**
     * Another target of the catalog than the selected one, named by a property (warehouse.defer,
     * warehouse.state): an unknown name is refused, listing the known ones.
     */
    Selection selectOther(Selection current, String name, String property) throws WarehouseException {
        if (!current.catalog().names().contains(name)) {
            throw new WarehouseException(property + "=" + name + " names no target of this project.",
                    "Name one of its targets: " + String.join(", ", current.catalog().names()) + ".");
        }
        return resolve(current.catalog(), name);
    }

    private Selection resolve(TargetCatalog catalog, String name) throws WarehouseException {
        TargetDefinition definition = request.credentials().resolve(
                TargetTemplates.render(catalog.get(name), request.environment()));
        Dialect dialect = Dialects.forType(definition.type()).forTarget(definition);
        ResolvedTarget target = ResolvedTarget.resolve(definition, request.devSchemaPrefix(), user(),
                request.threadsOverride());
        return new Selection(catalog, target, dialect);
    }

    /**
     * The profiles.yml profile named by warehouse.profile or dbt_project.yml, if a profiles.yml is
     * found. Without an explicit warehouse.profile and with targets in the POM, a profile that cannot
     * be read is reported and left out: the POM's targets suffice.
     */
    private ProfileTargets profile() throws WarehouseException {
        String explicit = request.profileName();
        String name = explicit != null && !explicit.isBlank() ? explicit
                : ProjectSettings.load(request.projectDirectory(), request.fallbackName()).profile();
        if (name == null || name.isBlank()) {
            return null;
        }
        Optional<Path> file = ProfilesLocator.locate(request.profilesDir(), request.environment(),
                request.projectDirectory(), request.userHome());
        if (file.isEmpty()) {
            if (explicit != null && !explicit.isBlank()) {
                throw new WarehouseException("warehouse.profile=" + explicit + " but no profiles.yml was found.",
                        "Put profiles.yml in the project directory or ~/.dbt/, or point -Dwarehouse.profilesDir "
                                + "or $DBT_PROFILES_DIR at its folder.");
            }
            return null;
        }
        try {
            List<String> warnings = new ArrayList<>();
            ProfileTargets profile = ProfilesReader.read(file.get(), name, request.environment(), warnings);
            warnings.forEach(log::warn);
            log.debug("Read profile '" + name + "' from " + file.get());
            return profile;
        } catch (WarehouseException e) {
            if ((explicit == null || explicit.isBlank()) && !request.declaredTargets().isEmpty()) {
                log.warn("Ignoring " + file.get() + " (the POM declares targets): " + e.getMessage());
                return null;
            }
            throw e;
        }
    }

    String user() {
        return DevSchemaNaming.resolveUser(request.explicitUser(), request.environment(), request.systemUserName());
    }

    /** Renders every node and writes compiled SQL and manifest.json; touches no database. */
    public CompiledProject compile() throws WarehouseException {
        CompiledProject compiled = compile(select());
        log.info("Wrote compiled SQL to " + request.outputDirectory().resolve("compiled") + " and "
                + request.outputDirectory().resolve("manifest.json"));
        return compiled;
    }

    private CompiledProject compile(Selection selection) throws WarehouseException {
        return compileFor(selection).compiled();
    }

    /**
     * A compile and what it was made from, so that a staged candidate can be compiled alike; {@code
     * unrendered} is the project as loaded, before the Jinja in its YAML was rendered, what the
     * environment-independent project fingerprints are made of.
     */
    record Compilation(DbtProject project, CompileSettings settings, CompiledProject compiled, DbtProject unrendered) {
        Compilation(DbtProject project, CompileSettings settings, CompiledProject compiled) {
            this(project, settings, compiled, project);
        }

        /**
         * The same compile with some relations renamed. What it logs the first compile logged already
         * (a test on a missing model, exceptions.warn, log()): only debug lines get through.
         */
        CompiledProject recompile(Map<String, String> identifierOverrides) throws WarehouseException {
            return new ProjectCompiler().compile(project, settings.withIdentifierOverrides(identifierOverrides)
                    .withLog(BuildLog.debugOnly(settings.log())));
        }
    }

    Compilation compileFor(Selection selection) throws WarehouseException {
        Compilation compilation = compileOnly(selection);
        new CompiledArtifacts(request.outputDirectory(), request.projectDirectory()).write(compilation.compiled(),
                compilation.project(), compilation.settings());
        return compilation;
    }

    /** The compile without its files: build and deploy write them while they wait for the database. */
    Compilation compileOnly(Selection selection) throws WarehouseException {
        long t0 = System.nanoTime();
        DbtProject project = ProjectLoader.load(request.projectDirectory(), request.fallbackName());
        // a build never installs packages (nor reaches the network): it says to run warehouse:deps
        List<String> packageWarnings = new ArrayList<>();
        InstalledPackagesCheck.verify(project.directory(), project.settings(), packageWarnings);
        packageWarnings.forEach(log::warn);
        project.warnings().forEach(log::warn);
        request.eventTimes(); // refused before anything runs when unreadable
        List<String> varsWarnings = new ArrayList<>();
        Map<String, Object> cliVars = request.vars() == null || request.vars().isBlank() ? Map.of()
                : YamlFiles.parseMap(request.vars(), "warehouse.vars", varsWarnings);
        varsWarnings.forEach(log::warn);
        CompileSettings settings = new CompileSettings(selection.target(), selection.dialect(), cliVars,
                request.environment(), log).withFullRefresh(request.fullRefresh());
        DbtProject unrendered = project;
        project = YamlTemplates.render(project, settings);
        CompiledProject compiled = new ProjectCompiler().compile(project, settings);
        NameClashes.check(compiled, selection.dialect());
        log.info(String.format(Locale.ROOT, "Compiled %d models and %d seeds of project '%s' for target '%s' "
                + "(schema %s) in %.2f s", project.models().size(), project.seeds().size(), project.name(),
                selection.target().name(), selection.target().schema(), (System.nanoTime() - t0) / 1e9));
        return new Compilation(project, settings, compiled, unrendered);
    }

    /**
     * verify: builds into a dev target, leaving unchanged relations alone. On a protected target it
     * builds and tests a staged candidate beside the live relations, which stay untouched.
     */
    public List<NodeResult> build() throws WarehouseException {
        Instant started = Instant.now();
        Selection selection = select();
        ResolvedTarget target = selection.target();
        log.info(target.isProtected()
                ? "Target '" + target.name() + "' is protected (" + target.protection().reason() + "): building and"
                        + " testing a staged candidate; the live relations stay as they are until mvn deploy."
                : "Target '" + target.name() + "' is not protected (" + target.protection().reason() + "): building"
                        + " in place.");
        warnIfSharingAProtectedLogin(selection);
        Compilation compilation = new Deferral(request, this).apply(selection, compileOnly(selection));
        DeployContext context = new DeployContext(request, selection, compilation, this);
        return withArtifacts(selection, compilation, started, selection.target().isProtected()
                ? new CandidateStaging(context)::run : new InPlaceBuild(context)::run);
    }

    /** deploy: makes the selected target live; on a protected target, promotes the candidate atomically. */
    public List<NodeResult> deploy() throws WarehouseException {
        Instant started = Instant.now();
        Selection selection = select();
        warnIfSharingAProtectedLogin(selection);
        Compilation compilation = new Deferral(request, this).apply(selection, compileOnly(selection));
        log.info("Deploying project '" + compilation.compiled().name() + "' to target '" + selection.target().name()
                + "' (schema " + selection.target().schema() + ")");
        DeployContext context = new DeployContext(request, selection, compilation, this);
        return withArtifacts(selection, compilation, started, selection.target().isProtected()
                ? new Promotion(context)::run : new InPlaceBuild(context)::run);
    }

    /**
     * An unprotected target that logs in to a protected target's database as the same user holds its
     * privileges: warn before building into it. Nothing to say when the selected target is protected.
     */
    private void warnIfSharingAProtectedLogin(Selection selection) {
        if (!selection.target().isProtected()) {
            CatalogTargets.of(selection, request.environment())
                    .warnOfSharedLogins(java.util.Set.of(selection.target().name()), request.projectDirectory(), log);
        }
    }

    /** A build or deploy, with work that needs the database. */
    @FunctionalInterface
    private interface DatabaseWork {
        List<NodeResult> run() throws WarehouseException;
    }

    /**
     * Runs the work while compiled/ and manifest.json are written beside it; both are done on return.
     * Then writes run_results.json, the one place it is written: when every node succeeded, when
     * some failed, and when nothing ran (a selection of nothing, a target up to date).
     */
    private List<NodeResult> withArtifacts(Selection selection, Compilation compilation, Instant started,
            DatabaseWork work) throws WarehouseException {
        BackgroundArtifacts artifacts = BackgroundArtifacts.start(
                new CompiledArtifacts(request.outputDirectory(), request.projectDirectory()), compilation);
        List<NodeResult> results;
        try {
            results = work.run();
        } catch (BuildFailedException e) {
            try {
                writeRunResults(selection, started, e.results());
            } catch (WarehouseException writing) {
                e.addSuppressed(writing);
            }
            artifacts.finishAfter(e);
            try {
                writeRenderedAtRun(compilation, e.results());
            } catch (WarehouseException writing) {
                e.addSuppressed(writing);
            }
            throw e;
        } catch (WarehouseException | RuntimeException e) {
            artifacts.finishAfter(e);
            throw e;
        }
        writeRunResults(selection, started, results);
        artifacts.finish();
        writeRenderedAtRun(compilation, results);
        return results;
    }

    /**
     * compiled/ shows what ran: for nodes rendered when built, the SQL of that render (results of a
     * candidate name the candidate's relations; the live compile's names are kept there).
     */
    private void writeRenderedAtRun(Compilation compilation, List<NodeResult> results) throws WarehouseException {
        Map<String, String> ran = new java.util.HashMap<>();
        for (NodeResult result : results) {
            var node = compilation.compiled().nodes().get(result.uniqueId());
            if (node != null && node.rendersAtRun() && result.compiledCode() != null
                    && !result.compiledCode().equals(node.compiledSql())) {
                ran.put(result.uniqueId(), result.compiledCode());
            }
        }
        if (!ran.isEmpty()) {
            new CompiledArtifacts(request.outputDirectory(), request.projectDirectory())
                    .writeRenderedAtRun(compilation.compiled(), ran);
        }
    }

    private void writeRunResults(Selection selection, Instant started, List<NodeResult> results)
            throws WarehouseException {
        Path file = request.outputDirectory().resolve("run_results.json");
        double elapsed = Duration.between(started, Instant.now()).toNanos() / 1e9;
        try {
            RunResultsWriter.write(file, new ArtifactMetadata(UUID.randomUUID().toString(), started,
                    selection.target().name()), elapsed, results);
        } catch (IOException e) {
            throw new WarehouseException("Cannot write " + file + ": " + e.getMessage(), null, e);
        }
    }

    /**
     * unit-test: runs dbt unit tests on the selected target without building anything.
     *
     * @param reportsDirectory where Surefire XML reports go, or null for none
     */
    public List<NodeResult> unitTest(Path reportsDirectory) throws WarehouseException {
        return new UnitTestRun(request, this, log).run(reportsDirectory);
    }

    /** plan: what a deploy to the selected target would do; changes nothing. */
    public List<org.sqlwarehouse.state.PlannedChange> plan() throws WarehouseException {
        Selection selection = select();
        Compilation compilation = new Deferral(request, this).apply(selection, compileOnly(selection));
        new CompiledArtifacts(request.outputDirectory(), request.projectDirectory()).write(compilation.compiled(),
                compilation.project(), compilation.settings());
        return new DeployPreview(new DeployContext(request, selection, compilation, this)).run();
    }

    /**
     * clone: gives the selected (unprotected) environment each selected node it lacks as a view over
     * the warehouse.state target's relation, recorded as a clone; see {@link EnvironmentClone}.
     */
    public List<String> cloneFromState() throws WarehouseException {
        Selection selection = select();
        Selection source = EnvironmentClone.source(request, this, selection);
        Compilation compilation = compileOnly(selection);
        return new EnvironmentClone(new DeployContext(request, selection, compilation, this), source).run().cloned();
    }

    /** rollback: puts the previous deployed version of the target back, atomically. */
    public void rollback() throws WarehouseException {
        Selection selection = select();
        new Rollback(new DeployContext(request, selection, compileFor(selection), this)).run();
    }

    /**
     * debug: every target, where it came from, masked, whether it is protected and why; a warning for
     * each unprotected target that logs in as a protected one; then a connection check of the
     * selected one.
     */
    public void debug() throws WarehouseException {
        Selection selection = select();
        CatalogTargets targets = CatalogTargets.of(selection, request.environment());
        log.info("Targets (selected: " + selection.target().name() + "):");
        for (Map.Entry<String, Object> entry : targets.all().entrySet()) {
            boolean selected = entry.getKey().equals(selection.target().name());
            String marker = selected ? "* " : "  ";
            if (entry.getValue() instanceof WarehouseException e) {
                log.info(marker + entry.getKey() + ": cannot be resolved here: " + e.getMessage());
                continue;
            }
            TargetDefinition t = (TargetDefinition) entry.getValue();
            log.info(marker + t.name() + ": " + String.join(", ", describe(t)));
        }
        targets.warnOfSharedLogins(targets.all().keySet(), request.projectDirectory(), log);
        try (HikariDataSource pool = open(selection)) {
            checkConnection(pool, selection);
        }
    }

    /**
     * drop-schema: drops exactly the current user's environment on the selected dev target (its
     * base schema and the siblings its state records), never a protected target, a declared schema
     * or a schema that merely starts like the user's; see {@link EnvironmentDrop}.
     */
    public DroppedEnvironment dropSchema() throws WarehouseException {
        return new EnvironmentDrop(request, select(), this).run();
    }

    /**
     * drop-schema with warehouse.olderThan: drops every environment of this project in the selected
     * target's database last built longer ago than that, each as {@link #dropSchema} would, never a
     * protected or declared schema nor another project's; see {@link OldEnvironmentCleanup}.
     */
    public EnvironmentCleanup dropOldEnvironments() throws WarehouseException {
        return new OldEnvironmentCleanup(request, this).run();
    }

    /**
     * environments: this project's environments in the selected target's database, each with its
     * protection, last build, commit and relation count, and with warehouse.state how many of its
     * relations differ from that environment's; see {@link EnvironmentListing}.
     */
    public List<EnvironmentSummary> environments() throws WarehouseException {
        return new EnvironmentListing(request, select(), this).run();
    }

    /** A target's fields for debug; the password only as ****. */
    private List<String> describe(TargetDefinition t) throws WarehouseException {
        List<String> fields = new ArrayList<>();
        fields.add("type=" + t.type());
        fields.add("from=" + t.origin());
        if (t.url() != null) {
            fields.add("url=" + UrlMasking.scrub(t.url(), t));
        }
        if (t.host() != null) {
            fields.add("host=" + t.host());
        }
        if (t.port() != null) {
            fields.add("port=" + t.port());
        }
        if (t.database() != null) {
            fields.add("database=" + t.database());
        }
        if (t.path() != null) {
            fields.add("path=" + t.path());
        }
        String schema = t.schema() != null ? t.schema()
                : DevSchemaNaming.devSchema(request.devSchemaPrefix(), user()) + " (dev schema)";
        fields.add("schema=" + schema);
        if (t.user() != null) {
            fields.add("user=" + t.user());
        }
        fields.add("password=" + (t.password() == null ? "(none)" : "****"));
        if (t.serverId() != null) {
            fields.add("serverId=" + t.serverId());
        }
        fields.add("threads=" + (t.threads() == null ? ResolvedTarget.DEFAULT_THREADS : t.threads()));
        // last: its reason may hold commas
        fields.add("protected=" + t.protection().describe());
        return fields;
    }

    /**
     * Opens the target's pool. An embedded database's file (DuckDB's) is locked by the process that
     * has it open: wait for it up to lockTimeout, as for the schema's lock, then fail naming the
     * holder (the database's message names its PID).
     */
    HikariDataSource open(Selection selection) throws WarehouseException {
        long deadline = System.nanoTime() + request.lockTimeoutSeconds() * 1_000_000_000L;
        boolean told = false;
        while (true) {
            try {
                return ConnectionPools.open(selection.target(), selection.dialect(), request.projectDirectory());
            } catch (DatabaseInUseException e) {
                if (System.nanoTime() > deadline) {
                    throw new WarehouseException("The database file of target '" + selection.target().name()
                            + "' is held by another process; waited " + request.lockTimeoutSeconds() + " s. "
                            + e.getMessage(), "Wait for that build to finish (the message names its PID), or raise "
                                    + "-Dwarehouse.lockTimeout=<seconds>.");
                }
                if (!told) {
                    log.info("Waiting for another process to release the database file of target '"
                            + selection.target().name() + "' (up to " + request.lockTimeoutSeconds() + " s)");
                    told = true;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void checkConnection(HikariDataSource pool, Selection selection) throws WarehouseException {
        try {
            String version = ConnectionPools.serverVersion(pool, selection.dialect());
            log.info("Connection to target '" + selection.target().name() + "' OK: " + version);
        } catch (SQLException e) {
            throw SqlFailures.failure("check the connection", selection.target().definition(), e);
        }
    }
}
