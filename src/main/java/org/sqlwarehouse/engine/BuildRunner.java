package org.sqlwarehouse.engine;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompiledArtifacts;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.compile.RenderAtRun;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationKind;
import org.sqlwarehouse.graph.ReadyQueue;
import org.sqlwarehouse.graph.TestGates;
import org.sqlwarehouse.project.Materialization;
import org.sqlwarehouse.project.Microbatch;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.report.NodeResult;
import org.sqlwarehouse.report.NodeStatus;
import org.sqlwarehouse.report.ProgressLine;
import org.sqlwarehouse.environment.ResolvedTarget;

/**
 * Builds compiled nodes into a target in dependency order, up to the target's thread count at once.
 * A failed node's dependents are skipped; independent nodes go on unless failFast; the build fails
 * at the end listing every failure.
 */
public final class BuildRunner {
    private final Dialect dialect;
    private final DataSource dataSource;
    private final BuildLog log;
    private final BuildOptions options;
    private final RelationReplacer replacer;
    private final SeedLoader seedLoader;
    private final IncrementalBuilder incrementalBuilder;
    private final MicrobatchBuilder microbatchBuilder;
    private final SnapshotBuilder snapshotBuilder;
    /** Nodes rendered again when built, as they ran, by unique id. */
    private final Map<String, CompiledNode> renderedAtRun = new ConcurrentHashMap<>();

    public BuildRunner(Dialect dialect, DataSource dataSource, BuildLog log, BuildOptions options) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.log = log;
        this.options = options;
        this.replacer = new RelationReplacer(dialect, options.recreateOutsideViews(),
                options.projectRelations()::contains);
        this.seedLoader = new SeedLoader(dialect, replacer);
        this.incrementalBuilder = new IncrementalBuilder(dialect, replacer);
        this.microbatchBuilder = new MicrobatchBuilder(dialect, replacer, incrementalBuilder, options.eventTimes(),
                Clock.systemUTC());
        this.snapshotBuilder = new SnapshotBuilder(dialect);
    }

    /**
     * The nodes of the last run that were rendered when built (their templates ask the database),
     * with the SQL that ran: what fingerprints, state and compiled/ record for them.
     */
    public Map<String, CompiledNode> renderedAtRun() {
        return Map.copyOf(renderedAtRun);
    }

    public List<NodeResult> run(CompiledProject project, ResolvedTarget target) throws WarehouseException {
        return run(project, target, Set.of(), Set.of());
    }

    /**
     * Builds the project; nodes in {@code unchanged} are reported as such and not touched (no DDL),
     * their dependents and tests run as usual. Nodes in {@code absent} have no relation by their
     * name yet (the plan looked): they are created directly under it.
     */
    public List<NodeResult> run(CompiledProject project, ResolvedTarget target, Set<String> unchanged,
            Set<String> absent) throws WarehouseException {
        long started = System.nanoTime();
        CompiledArtifacts artifacts = new CompiledArtifacts(options.outputDirectory(), options.projectDirectory());
        createSchemas(project, target);
        runProjectHooks(project.onRunStart(), "on-run-start", target);

        AtomicInteger workerNumber = new AtomicInteger();
        int total = (int) project.nodes().values().stream().filter(n -> !n.isEphemeral()).count();
        AtomicInteger finished = new AtomicInteger();
        List<NodeResult> results = new ArrayList<>();
        // as dbt build does: what reads a model waits for the model's data tests, and a failing one skips it
        ReadyQueue queue = new ReadyQueue(TestGates.add(project.dag(), id -> project.nodes().get(id).isTest()));
        // one thread builds on the calling thread: handing every node to a worker and its result back
        // costs two thread wake-ups per node, a measurable share of a small model's DDL
        ExecutorService workers = target.threads() == 1 ? null
                : Executors.newFixedThreadPool(target.threads(), runnable -> {
                    // numbered: run_results.json names the thread each node ran on
                    Thread t = new Thread(runnable, "warehouse-worker-" + workerNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        Executor executor = workers == null ? Runnable::run : workers;
        CompletionService<NodeResult> completions = new ExecutorCompletionService<>(executor);
        int inFlight = 0;
        boolean stopping = false;
        try {
            while (!queue.isDone()) {
                for (String id : queue.takeReady()) {
                    CompiledNode node = project.nodes().get(id);
                    if (node.isEphemeral()) {
                        // inlined into its readers: nothing to build
                        queue.succeeded(id);
                        continue;
                    }
                    if (unchanged.contains(id)) {
                        report(results, result(node, NodeStatus.UNCHANGED, 0, "unchanged", null,
                                NodeResult.Execution.none(), artifacts, project), finished.incrementAndGet(), total);
                        queue.succeeded(id);
                        continue;
                    }
                    if (stopping) {
                        NodeResult skipped = skipped(node, "skipped: failFast stopped the build", artifacts, project);
                        report(results, skipped, finished.incrementAndGet(), total);
                        reportSkipped(queue.failed(id), "skipped: failFast stopped the build", project, artifacts,
                                results, finished, total);
                        continue;
                    }
                    Set<String> rebuiltLater = new DownstreamRelations(project, id);
                    boolean isNew = absent.contains(id);
                    completions.submit(() -> execute(node, rebuiltLater, isNew, artifacts, project, target));
                    inFlight++;
                }
                if (inFlight == 0) {
                    if (queue.isDone()) {
                        break;
                    }
                    continue;
                }
                NodeResult result = take(completions);
                inFlight--;
                report(results, result, finished.incrementAndGet(), total);
                if (result.status().isFailure()) {
                    stopping = options.failFast();
                    reportSkipped(queue.failed(result.uniqueId()), "skipped: upstream " + result.resourceType() + " "
                            + result.displayName() + " failed", project, artifacts, results, finished, total);
                } else {
                    queue.succeeded(result.uniqueId());
                }
            }
        } finally {
            if (workers != null) {
                workers.shutdownNow();
            }
        }

        runProjectHooks(project.onRunEnd(), "on-run-end", target);
        double elapsed = (System.nanoTime() - started) / 1e9;
        summarize(results, elapsed, target);
        List<NodeResult> failures = results.stream().filter(r -> r.status().isFailure()).toList();
        if (!failures.isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (NodeResult f : failures) {
                lines.add(f.uniqueId() + " (" + f.file() + ")");
            }
            throw new BuildFailedException(failures.size() + " of " + total + " nodes failed: "
                    + String.join(", ", lines), failures, results);
        }
        return results;
    }

    private void createSchemas(CompiledProject project, ResolvedTarget target) throws WarehouseException {
        Set<String> schemas = new LinkedHashSet<>();
        schemas.add(target.schema());
        for (CompiledNode node : project.nodes().values()) {
            if (!node.isTest() && !node.isEphemeral()) {
                schemas.add(node.relation().getSchema());
            }
        }
        try (Connection c = dataSource.getConnection()) {
            for (String schema : schemas) {
                dialect.createSchemaIfMissing(c, schema);
            }
        } catch (SQLException e) {
            throw SqlFailures.failure("create the schemas " + schemas, target.definition(), e,
                    "The user needs CREATE on the database, or the schemas must exist.");
        }
    }

    /**
     * The relations built downstream of a node, worked out on first use: only a replace whose old
     * relation has dependent views asks, so most nodes never pay for the graph walk, and none pays
     * for it between one node's end and the next one's start.
     */
    private static final class DownstreamRelations extends AbstractSet<String> {
        private final CompiledProject project;
        private final String id;
        private Set<String> relations;

        DownstreamRelations(CompiledProject project, String id) {
            this.project = project;
            this.id = id;
        }

        private Set<String> relations() {
            if (relations == null) {
                Set<String> out = new HashSet<>();
                for (String d : project.dag().descendants(id)) {
                    CompiledNode node = project.nodes().get(d);
                    if (!node.isTest() && !node.isEphemeral()) {
                        out.add(node.relation().unquoted());
                    }
                }
                relations = out;
            }
            return relations;
        }

        @Override
        public boolean contains(Object relation) {
            return relations().contains(relation);
        }

        @Override
        public Iterator<String> iterator() {
            return relations().iterator();
        }

        @Override
        public int size() {
            return relations().size();
        }
    }

    private NodeResult execute(CompiledNode compiled, Set<String> rebuiltLater, boolean absent,
            CompiledArtifacts artifacts, CompiledProject project, ResolvedTarget target) {
        long t0 = System.nanoTime();
        Instant startedAt = Instant.now();
        NodeStatus status = NodeStatus.SUCCESS;
        String message;
        CompiledNode node = compiled;
        Connection changedSession = null;
        try (Connection c = dataSource.getConnection()) {
            RenderAtRun atRun = node.renderAtRun();
            LiveDatabase database = atRun == null ? null : new LiveDatabase(c, dialect);
            if (atRun != null) {
                // as dbt does: rendered just before it runs, seeing what the build made so far
                node = atRun.renderSql(node, database);
                renderedAtRun.put(node.uniqueId(), node);
            }
            if (node.isTest()) {
                DataTestQuery.Outcome outcome = DataTestQuery.run(c, node);
                if (node.storeFailuresIn() != null) {
                    DataTestQuery.storeFailures(c, dialect, node);
                }
                return testResult(node, outcome, (System.nanoTime() - t0) / 1e9, executed(startedAt), artifacts,
                        project);
            }
            runHooks(c, atRun == null ? node.preHooks() : atRun.renderHooks(true, database, node.originalFilePath()),
                    "pre-hook");
            String schema = node.relation().getSchema();
            String name = node.relation().getIdentifier();
            Grants grants = Grants.of(node.config(), node.originalFilePath());
            Indexes indexes = node.materialization() == Materialization.VIEW ? Indexes.of(Map.of(), "")
                    : Indexes.of(node.config(), node.originalFilePath());
            DocsComments comments = DocsComments.of(node);
            RelationKind kind = node.materialization() == Materialization.VIEW ? RelationKind.VIEW : RelationKind.TABLE;
            RelationReplacer.Creator granted = NewRelationSteps.of(dialect, grants, indexes, comments, kind, schema);
            // a table that stays (an increment, a snapshot run) has its indexes: only grants (and comments) again
            RelationReplacer.Creator regranted = NewRelationSteps.of(dialect, grants, Indexes.NONE, comments, kind,
                    schema);
            // models only, as in dbt: the header changes the session, which is not handed to another node
            if (node.resourceType() == org.sqlwarehouse.project.ResourceType.MODEL && SqlHeader.run(c, node)) {
                changedSession = c;
            }
            ModelDdl ddl = ModelDdl.forModel(c, dialect, node, log::warn);
            message = switch (node.materialization()) {
                case SEED -> "INSERT " + seedLoader.load(c, node, rebuiltLater, absent, granted);
                case VIEW -> {
                    replacer.replaceView(c, schema, name, node.compiledSql(), rebuiltLater, absent, granted, ddl);
                    yield "CREATE VIEW";
                }
                case TABLE -> {
                    replacer.replaceTable(c, schema, name, node.compiledSql(), rebuiltLater, absent, granted, ddl);
                    yield "CREATE TABLE";
                }
                case INCREMENTAL -> Microbatch.isMicrobatch(node.config())
                        ? microbatchBuilder.build(c, node, options.fullRefresh(), rebuiltLater, granted, regranted)
                        : incrementalBuilder.build(c, node, options.fullRefresh(), rebuiltLater, granted, regranted,
                                ddl);
                case SNAPSHOT -> {
                    SnapshotBuilder.Run done = snapshotBuilder.build(c, node);
                    RelationReplacer.Creator given = done.created() ? granted : regranted;
                    if (given != null) {
                        given.create(c, name);
                    }
                    yield done.message();
                }
                // ephemeral models are inlined and tests run above: neither reaches a build
                case EPHEMERAL, TEST -> throw new IllegalStateException("Nothing to build for " + node.uniqueId());
            };
            runHooks(c, atRun == null ? node.postHooks()
                    : atRun.renderHooks(false, database, node.originalFilePath()), "post-hook");
        } catch (SQLException e) {
            status = NodeStatus.ERROR;
            message = SqlFailures.describe(e);
        } catch (WarehouseException e) {
            status = NodeStatus.ERROR;
            message = e.describe();
        } catch (RuntimeException e) {
            status = NodeStatus.ERROR;
            message = e.toString();
        }
        if (changedSession != null) {
            SessionDiscard.afterUse(dataSource, changedSession);
        }
        message = UrlMasking.scrub(message, target.definition());
        return result(node, status, (System.nanoTime() - t0) / 1e9, message, null, executed(startedAt), artifacts,
                project);
    }

    /** The current thread's run of a node that began at startedAt and ends now. */
    private static NodeResult.Execution executed(Instant startedAt) {
        return new NodeResult.Execution(Thread.currentThread().getName(), startedAt, Instant.now());
    }

    /** As dbt: an error when error_if holds (unless severity warn), else a warning when warn_if holds. */
    private NodeResult testResult(CompiledNode test, DataTestQuery.Outcome outcome, double seconds,
            NodeResult.Execution execution, CompiledArtifacts artifacts, CompiledProject project) {
        boolean warnOnly = DataTestQuery.warnOnly(test);
        long failures = outcome.failures();
        NodeStatus status = outcome.shouldError() && !warnOnly ? NodeStatus.FAIL
                : outcome.shouldWarn() ? NodeStatus.WARN : NodeStatus.PASS;
        String message = status == NodeStatus.PASS ? null : "Got " + failures + " failing row"
                + (failures == 1 ? "" : "s") + (warnOnly ? " (severity warn)" : "")
                + (test.storeFailuresIn() == null ? "" : "; see them with select * from " + test.storeFailuresIn());
        // run_results' failures is an integer: a count past its range is reported as the largest one
        return result(test, status, seconds, message, (int) Math.min(failures, Integer.MAX_VALUE), execution,
                artifacts, project);
    }

    private static void runHooks(Connection c, List<String> hooks, String kind) throws WarehouseException {
        for (String hook : hooks) {
            try (Statement s = c.createStatement()) {
                s.execute(hook);
            } catch (SQLException e) {
                throw new WarehouseException(kind + " failed: " + SqlFailures.describe(e) + "\n" + hook, null, e);
            }
        }
    }

    private void runProjectHooks(List<String> hooks, String kind, ResolvedTarget target) throws WarehouseException {
        if (hooks.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            runHooks(c, hooks, kind);
            log.info("Ran " + hooks.size() + " " + kind + " hook" + (hooks.size() == 1 ? "" : "s"));
        } catch (SQLException e) {
            throw SqlFailures.failure("run the " + kind + " hooks", target.definition(), e);
        }
    }

    /** The result of a node left out before the run starts, e.g. a test that reads a relation not there. */
    public NodeResult skippedBeforeRun(CompiledNode node, String reason, CompiledProject project) {
        return skipped(node, reason, new CompiledArtifacts(options.outputDirectory(), options.projectDirectory()),
                project);
    }

    private NodeResult skipped(CompiledNode node, String reason, CompiledArtifacts artifacts, CompiledProject project) {
        return result(node, NodeStatus.SKIPPED, 0, reason, null, NodeResult.Execution.none(), artifacts, project);
    }

    /** @param failures a test's failing rows, null for other nodes */
    private NodeResult result(CompiledNode node, NodeStatus status, double seconds, String message, Integer failures,
            NodeResult.Execution execution, CompiledArtifacts artifacts, CompiledProject project) {
        String compiled = node.compiledSql() == null ? null
                : display(artifacts.compiledPath(project.name(), node));
        boolean hasRelation = !node.isTest() && node.relation() != null;
        // an incremental model's compiled code is its select as compiled, whichever form the builder
        // chose to run: which one ran depends on the relation it found, not known here
        return new NodeResult(node.uniqueId(), node.resourceType().id(), status, seconds,
                hasRelation ? node.relation().unquoted() : null, node.displayName(), node.materialized(), message,
                node.originalFilePath(), compiled, hasRelation ? node.relation().toString() : null,
                node.compiledSql(), failures, execution);
    }

    private void reportSkipped(List<String> ids, String reason, CompiledProject project, CompiledArtifacts artifacts,
            List<NodeResult> results, AtomicInteger finished, int total) {
        for (String id : ids) {
            CompiledNode node = project.nodes().get(id);
            if (node.isEphemeral()) {
                continue;
            }
            NodeResult skipped = skipped(node, reason, artifacts, project);
            report(results, skipped, finished.incrementAndGet(), total);
        }
    }

    private void report(List<NodeResult> results, NodeResult result, int index, int total) {
        results.add(result);
        String line = ProgressLine.format(index, total, result);
        if (result.status() == NodeStatus.WARN) {
            log.warn(line);
            log.warn("  " + result.uniqueId() + ": " + result.message() + "; see them with the query in "
                    + result.compiledPath());
        } else if (result.status().isFailure()) {
            log.error(line);
            log.error("  " + result.uniqueId() + " failed (" + result.file() + "):");
            for (String l : String.valueOf(result.message()).strip().split("\\R")) {
                log.error("    " + l);
            }
            if (result.compiledPath() != null) {
                log.error("  compiled SQL: " + result.compiledPath());
            }
        } else {
            log.info(line);
        }
    }

    private static NodeResult take(CompletionService<NodeResult> completions) throws WarehouseException {
        try {
            return completions.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseException("The build was interrupted.");
        } catch (ExecutionException e) {
            throw new WarehouseException("A worker failed unexpectedly: " + e.getCause(), null, e.getCause());
        }
    }

    private void summarize(List<NodeResult> results, double elapsed, ResolvedTarget target) {
        int ok = 0;
        int errors = 0;
        int skipped = 0;
        int warnings = 0;
        for (NodeResult r : results) {
            switch (r.status()) {
                case ERROR, FAIL -> errors++;
                case SKIPPED -> skipped++;
                case WARN -> warnings++;
                default -> ok++;
            }
        }
        String line = String.format(Locale.ROOT, "Finished %d nodes in %.2f s on target '%s' (schema %s): %d OK, "
                + "%d WARN, %d ERROR, %d SKIP", results.size(), elapsed, target.name(), target.schema(), ok, warnings,
                errors, skipped);
        if (errors > 0) {
            log.error(line);
        } else {
            log.info(line);
        }
    }

    private String display(Path path) {
        Path dir = options.projectDirectory();
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(dir) ? dir.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }
}
