package org.sqlwarehouse.workflow;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationKind;
import org.sqlwarehouse.engine.BuildFailedException;
import org.sqlwarehouse.engine.BuildOptions;
import org.sqlwarehouse.engine.BuildRunner;
import org.sqlwarehouse.engine.DeployLock;
import org.sqlwarehouse.engine.KnownRelations;
import org.sqlwarehouse.engine.OutsideViews;
import org.sqlwarehouse.engine.Promoter;
import org.sqlwarehouse.engine.UrlMasking;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.report.NodeResult;
import org.sqlwarehouse.report.NodeStatus;
import org.sqlwarehouse.report.RunResultsWriter;
import org.sqlwarehouse.state.DeployPlanner;
import org.sqlwarehouse.state.Fingerprints;
import org.sqlwarehouse.state.Fingerprints.Fingerprint;
import org.sqlwarehouse.state.PlannedChange;
import org.sqlwarehouse.state.PlannedChange.Action;
import org.sqlwarehouse.state.RelationState;
import org.sqlwarehouse.state.StateStore;
import org.sqlwarehouse.environment.ResolvedTarget;

/**
 * Builds and deploys with the state kept in the target: unchanged relations are left alone; on a
 * protected target the changed ones are staged as a tested candidate beside the live relations and
 * promoted in one transaction; the version they replace is kept for rollback.
 */
final class Deployments {

    private final WarehouseRequest request;
    private final Warehouse.Selection selection;
    private final Warehouse.Compilation compilation;
    private final Warehouse warehouse;
    private final BuildLog log;
    private final Dialect dialect;
    private final ResolvedTarget target;
    private final StateStore store;
    private final Promoter promoter;
    /** Asked while the build runs: asking git spawns a process. */
    private final CompletableFuture<String> gitCommit;
    private String deployedBy;

    Deployments(WarehouseRequest request, Warehouse.Selection selection, Warehouse.Compilation compilation,
            Warehouse warehouse) {
        this.request = request;
        this.selection = selection;
        this.compilation = compilation;
        this.warehouse = warehouse;
        this.log = request.log();
        this.dialect = selection.dialect();
        this.target = selection.target();
        this.store = new StateStore(dialect, selection.target().schema());
        this.promoter = new Promoter(dialect);
        this.gitCommit = CompletableFuture.supplyAsync(() -> GitInfo.headCommit(request.projectDirectory()));
    }

    // ---- dev targets: build in place, leave unchanged relations alone ----

    List<NodeResult> buildInPlace() throws WarehouseException {
        CompiledProject all = compilation.compiled();
        CompiledProject run = narrow(all);
        if (run.nodes().isEmpty()) {
            return List.of();
        }
        Map<String, Fingerprint> fingerprints = Fingerprints.of(all);
        String runId = UUID.randomUUID().toString();
        try (HikariDataSource pool = warehouse.open(selection)) {
            Map<String, RelationState> state;
            List<PlannedChange> plan;
            try (Connection c = pool.getConnection()) {
                store.ensureTables(c);
                state = store.load(c, target.schema());
                plan = DeployPlanner.plan(c, dialect, run, fingerprints, state, request.fullRefresh());
            } catch (SQLException e) {
                throw failure("read the deploy state", e);
            }
            Set<String> unchanged = ids(plan, Action.UNCHANGED);
            Set<String> absent = ids(plan, Action.CREATE);
            List<NodeResult> results;
            try {
                results = runner(pool).run(run, target, unchanged, absent);
            } catch (BuildFailedException e) {
                record(pool, run, fingerprints, e.results(), runId);
                throw e;
            }
            record(pool, run, fingerprints, results, runId);
            return results;
        }
    }

    /**
     * Saves the state of every relation built in place, in one transaction; the columns are read
     * for the relations built only (the unchanged ones keep their rows).
     */
    private void record(HikariDataSource pool, CompiledProject run, Map<String, Fingerprint> fingerprints,
            List<NodeResult> results, String runId) throws WarehouseException {
        List<CompiledNode> built = new ArrayList<>();
        for (NodeResult result : results) {
            CompiledNode node = run.nodes().get(result.uniqueId());
            if (result.status() == NodeStatus.SUCCESS && node != null && !node.isTest()) {
                built.add(node);
            }
        }
        if (built.isEmpty()) {
            return;
        }
        try (Connection c = pool.getConnection()) {
            Timestamp now = Timestamp.from(Instant.now());
            Map<String, String> columns = dialect.columnSignaturesOf(c, relationsOf(built));
            List<RelationState> rows = new ArrayList<>();
            for (CompiledNode node : built) {
                rows.add(stateOf(node, fingerprints.get(node.uniqueId()), null, false, now, runId, columns));
            }
            store.saveAll(c, rows);
        } catch (SQLException e) {
            throw failure("record the deploy state", e);
        }
    }

    // ---- protected targets: stage, promote, roll back ----

    /** verify on a protected target: build and test the candidate; live relations are not touched. */
    List<NodeResult> stage() throws WarehouseException {
        CompiledProject run = narrow(compilation.compiled());
        Map<String, Fingerprint> fingerprints = Fingerprints.of(compilation.compiled());
        try (HikariDataSource pool = warehouse.open(selection);
                DeployLock lock = DeployLock.acquire(pool, dialect.type(), target.schema(),
                        request.lockTimeoutSeconds())) {
            Staged staged = stageUnderLock(pool, run, fingerprints, planUnderLock(pool, run, fingerprints));
            if (!staged.changed().isEmpty()) {
                log.info("Candidate for target '" + target.name() + "' built and tested: " + staged.changed().size()
                        + " relation(s) to create or replace, " + staged.unchangedCount() + " unchanged. The live "
                        + "relations are untouched; warehouse:deploy makes it live.");
            }
            return staged.results();
        }
    }

    /** deploy on a protected target: promote the verified candidate (building it first if needed). */
    List<NodeResult> promote() throws WarehouseException {
        CompiledProject run = narrow(compilation.compiled());
        Map<String, Fingerprint> fingerprints = Fingerprints.of(compilation.compiled());
        Timestamp started = Timestamp.from(Instant.now());
        try (HikariDataSource pool = warehouse.open(selection);
                DeployLock lock = DeployLock.acquire(pool, dialect.type(), target.schema(),
                        request.lockTimeoutSeconds())) {
            Plan plan = planUnderLock(pool, run, fingerprints);
            Staged staged = reusableCandidate(pool, run, plan, fingerprints);
            if (staged == null) {
                staged = stageUnderLock(pool, run, fingerprints, plan);
            }
            List<PlannedChange> drops = plan.changes().stream().filter(p -> p.action() == Action.DROP).toList();
            for (PlannedChange drop : drops) {
                log.info((request.pruneOrphans() ? "Dropping " : "Keeping ") + drop.relation() + ": "
                        + drop.reason() + (request.pruneOrphans() ? "" : " (drop it with -Dwarehouse.pruneOrphans=true)"));
            }
            if (staged.changed().isEmpty() && (drops.isEmpty() || !request.pruneOrphans())) {
                log.info("Target '" + target.name() + "' is up to date: " + staged.unchangedCount()
                        + " relation(s) unchanged, nothing deployed.");
                writeRunResults(staged.results(), started);
                return staged.results();
            }
            List<CompiledNode> changed = new ArrayList<>();
            for (String id : staged.changed()) {
                changed.add(compilation.compiled().nodes().get(id));
            }
            String deployId = UUID.randomUUID().toString();
            try (Connection c = pool.getConnection()) {
                OutsideViews outside = OutsideViews.find(c, dialect,
                        promoter.withPreviousVersions(relationsOf(changed)), promoter.ours(managedRelations()));
                KnownRelations known = promoter.lookUp(c, changed);
                Map<String, Boolean> existed = new LinkedHashMap<>();
                for (CompiledNode node : changed) {
                    existed.put(node.uniqueId(), known.kind(node.relation().getSchema(),
                            node.relation().getIdentifier()).isPresent());
                }
                boolean autoCommit = c.getAutoCommit();
                c.setAutoCommit(false);
                try {
                    outside.prepare(c, request.recreateOutsideViews(), "this deploy replaces");
                    promoter.promote(c, changed, known);
                    outside.recreate(c);
                    if (request.pruneOrphans()) {
                        for (PlannedChange drop : drops) {
                            promoter.dropIfExists(c, drop.schema(), drop.name(), false);
                            promoter.dropIfExists(c, drop.schema(), promoter.previousName(drop.name()), false);
                            store.delete(c, drop.schema(), drop.name());
                        }
                    }
                    Timestamp now = Timestamp.from(Instant.now());
                    Map<String, String> columns = dialect.columnSignaturesOf(c, relationsOf(changed));
                    List<RelationState> rows = new ArrayList<>();
                    for (CompiledNode node : changed) {
                        RelationState before = plan.state().get(node.relation().unquoted());
                        rows.add(stateOf(node, fingerprints.get(node.uniqueId()),
                                before == null ? null : before.fingerprint(), existed.get(node.uniqueId()), now,
                                deployId, columns));
                    }
                    store.saveAll(c, rows);
                    store.clearCandidates(c);
                    store.recordDeployment(c, deployId, target.schema(), compilation.compiled().name(), started, now,
                            deployedBy(), request.projectVersion(), gitCommit(),
                            changed.size(), "deployed");
                    c.commit();
                } catch (SQLException | RuntimeException | WarehouseException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(autoCommit);
                }
                logRedefined(outside);
            } catch (SQLException e) {
                throw failure("promote the candidate (nothing was changed)", e);
            }
            long created = plan.changes().stream().filter(p -> p.action() == Action.CREATE).count();
            log.info(String.format(Locale.ROOT, "Deployed to target '%s' in one transaction: %d created, %d replaced, "
                    + "%d unchanged%s (deploy %s)", target.name(), created, changed.size() - created,
                    staged.unchangedCount(), request.pruneOrphans() && !drops.isEmpty() ? ", " + drops.size()
                            + " dropped" : "", deployId));
            List<NodeResult> live = liveNames(staged.results());
            writeRunResults(live, started);
            return live;
        }
    }

    /** rollback: swaps the last deploy's relations back with the versions they replaced. */
    void rollback() throws WarehouseException {
        try (HikariDataSource pool = warehouse.open(selection);
                DeployLock lock = DeployLock.acquire(pool, dialect.type(), target.schema(),
                        request.lockTimeoutSeconds());
                Connection c = pool.getConnection()) {
            if (!store.exists(c)) {
                throw new WarehouseException("Nothing to roll back: target '" + target.name() + "' was never deployed.");
            }
            String[] newest = store.newestDeployment(c, target.schema()).orElseThrow(() -> new WarehouseException(
                    "Nothing to roll back: target '" + target.name() + "' was never deployed."));
            if (!"deployed".equals(newest[1])) {
                throw new WarehouseException("Nothing to roll back: the last deploy to target '" + target.name()
                        + "' (" + newest[0] + ") is " + newest[1] + ".",
                        "Only the newest deploy can be rolled back, once.");
            }
            Map<String, RelationState> state = store.load(c, target.schema());
            List<RelationState> relations = new ArrayList<>();
            for (RelationState r : state.values()) {
                if (newest[0].equals(r.deployId())) {
                    relations.add(r);
                }
            }
            List<String[]> names = new ArrayList<>();
            relations.forEach(r -> names.add(new String[] {r.relationSchema(), r.relationName()}));
            Set<String> managed = new HashSet<>(state.keySet());
            OutsideViews outside = OutsideViews.find(c, dialect, promoter.withPreviousVersions(names),
                    promoter.ours(managed));
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                outside.prepare(c, request.recreateOutsideViews(), "this rollback swaps back");
                promoter.rollback(c, names);
                outside.recreate(c);
                List<RelationState> restored = new ArrayList<>();
                for (RelationState r : relations) {
                    if (r.hasPrevious()) {
                        // the swapped-out version is now the previous one; its hashes are unknown, so any
                        // later plan sees it as changed
                        restored.add(new RelationState(r.targetSchema(), r.relationSchema(), r.relationName(),
                                r.uniqueId(), r.kind(), "", "", r.previousFingerprint(), r.fingerprint(), true,
                                Timestamp.from(Instant.now()), deployedBy(), r.project(), r.projectVersion(),
                                r.gitCommit(), "rollback-of-" + r.deployId(), ""));
                    } else {
                        store.delete(c, r.relationSchema(), r.relationName());
                    }
                }
                store.saveAll(c, restored);
                store.setDeploymentStatus(c, newest[0], "rolled_back");
                c.commit();
            } catch (SQLException | RuntimeException | WarehouseException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
            logRedefined(outside);
            log.info("Rolled back deploy " + newest[0] + " on target '" + target.name() + "': " + relations.size()
                    + " relation(s) put back in one transaction.");
        } catch (SQLException e) {
            throw failure("roll back (nothing was changed)", e);
        }
    }

    /** plan: what deploy would do, from state and catalog; creates and changes nothing. */
    List<PlannedChange> plan() throws WarehouseException {
        CompiledProject run = narrow(compilation.compiled());
        Map<String, Fingerprint> fingerprints = Fingerprints.of(compilation.compiled());
        List<PlannedChange> plan;
        OutsideViews outside;
        try (HikariDataSource pool = warehouse.open(selection); Connection c = pool.getConnection()) {
            Map<String, RelationState> state = store.exists(c) ? store.load(c, target.schema()) : Map.of();
            plan = DeployPlanner.plan(c, dialect, run, fingerprints, state, request.fullRefresh());
            List<String[]> replaced = new ArrayList<>();
            plan.stream().filter(p -> p.action() == Action.REPLACE)
                    .forEach(p -> replaced.add(new String[] {p.schema(), p.name()}));
            outside = OutsideViews.find(c, dialect, promoter.withPreviousVersions(replaced),
                    promoter.ours(managedRelations()));
        } catch (SQLException e) {
            throw failure("read the deploy state", e);
        }
        Map<Action, Integer> counts = new LinkedHashMap<>();
        for (Action a : Action.values()) {
            counts.put(a, 0);
        }
        log.info("Plan for target '" + target.name() + "' (schema " + target.schema() + "):");
        for (PlannedChange change : plan) {
            counts.merge(change.action(), 1, Integer::sum);
            log.info(String.format(Locale.ROOT, "  %-9s %-5s %s (%s)", change.action().name().toLowerCase(Locale.ROOT),
                    change.kind(), change.relation(), change.reason()));
        }
        log.info(String.format(Locale.ROOT, "%d to create, %d to replace, %d to drop, %d unchanged",
                counts.get(Action.CREATE), counts.get(Action.REPLACE), counts.get(Action.DROP),
                counts.get(Action.UNCHANGED)));
        if (!outside.isEmpty()) {
            log.info("Views outside the project read relations to replace: " + String.join(", ", outside.describe())
                    + (request.recreateOutsideViews() ? "; the deploy defines them again over the new version."
                            : "; the deploy fails unless run with -D" + OutsideViews.OPTION
                                    + "=true, which defines them again over the new version."));
        }
        return plan;
    }

    // ---- the candidate ----

    private record Plan(List<PlannedChange> changes, Map<String, RelationState> state) {
    }

    /** A built candidate: the ids changed (topological order), every result, how many left alone. */
    private record Staged(List<String> changed, List<NodeResult> results, int unchangedCount) {
    }

    private Plan planUnderLock(HikariDataSource pool, CompiledProject run, Map<String, Fingerprint> fingerprints)
            throws WarehouseException {
        try (Connection c = pool.getConnection()) {
            store.ensureTables(c);
            Map<String, RelationState> state = store.load(c, target.schema());
            return new Plan(DeployPlanner.plan(c, dialect, run, fingerprints, state, request.fullRefresh()), state);
        } catch (SQLException e) {
            throw failure("read the deploy state", e);
        }
    }

    private Staged stageUnderLock(HikariDataSource pool, CompiledProject run, Map<String, Fingerprint> fingerprints,
            Plan plan) throws WarehouseException {
        List<String> changed = changedIds(plan);
        List<NodeResult> unchangedResults = unchangedResults(run, plan);
        if (changed.isEmpty()) {
            return new Staged(changed, unchangedResults, unchangedResults.size());
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String id : changed) {
            CompiledNode node = run.nodes().get(id);
            overrides.put(node.name(), promoter.candidateName(node.relation().getIdentifier()));
        }
        CompiledProject candidateAll = compilation.recompile(overrides);
        CompiledProject candidate = narrow(candidateAll);
        Set<String> ids = new LinkedHashSet<>();
        for (CompiledNode node : candidate.nodes().values()) {
            if (changed.contains(node.uniqueId()) || node.isTest() || node.isEphemeral()) {
                ids.add(node.uniqueId());
            }
        }
        Map<String, CompiledNode> nodes = new LinkedHashMap<>();
        ids.forEach(id -> nodes.put(id, candidate.nodes().get(id)));
        CompiledProject subset = new CompiledProject(candidate.name(), nodes, candidate.dag().subgraph(ids),
                candidate.onRunStart(), candidate.onRunEnd());
        try (Connection c = pool.getConnection()) {
            // from here on, whatever candidates exist are not known to be anyone's finished verify
            store.clearCandidates(c);
        } catch (SQLException e) {
            throw failure("clear the staged candidates", e);
        }
        prepareCandidates(pool, run, changed);
        for (NodeResult r : unchangedResults) {
            log.info(String.format(Locale.ROOT, "        SAME   %-6s %s (unchanged: the live relation stays)", r.kind(), r.relation()));
        }
        List<NodeResult> results = new ArrayList<>(unchangedResults);
        results.addAll(runner(pool).run(subset, target, Set.of(), freshCandidates(run, changed)));
        try (Connection c = pool.getConnection()) {
            store.saveCandidates(c, candidateEntries(changed, fingerprints));
        } catch (SQLException e) {
            throw failure("record the staged candidates", e);
        }
        return new Staged(changed, results, unchangedResults.size());
    }

    /**
     * Clears candidates left by an earlier run and seeds each incremental candidate with a copy of
     * its live table, so that the candidate applies only the new rows, as the live model would.
     */
    private void prepareCandidates(HikariDataSource pool, CompiledProject run, List<String> changed)
            throws WarehouseException {
        try (Connection c = pool.getConnection()) {
            List<CompiledNode> nodes = Promoter.nodes(run.nodes(), changed);
            KnownRelations known = promoter.lookUp(c, nodes);
            for (int i = nodes.size() - 1; i >= 0; i--) {
                String schema = nodes.get(i).relation().getSchema();
                String candidate = promoter.candidateName(nodes.get(i).relation().getIdentifier());
                Optional<RelationKind> kind = known.kind(schema, candidate);
                if (kind.isPresent()) {
                    // if exists: dropping a candidate may have taken the candidate views over it along
                    try (Statement s = c.createStatement()) {
                        s.execute(dialect.dropSql(kind.get(), schema, candidate, true));
                    }
                }
            }
            Set<String> schemas = new HashSet<>();
            for (CompiledNode node : nodes) {
                String schema = node.relation().getSchema();
                if (schemas.add(schema)) {
                    dialect.createSchemaIfMissing(c, schema);
                }
                if ("incremental".equals(node.materialized()) && !request.fullRefresh()
                        && known.kind(schema, node.relation().getIdentifier())
                                .filter(k -> k == RelationKind.TABLE).isPresent()) {
                    try (Statement s = c.createStatement()) {
                        s.execute(dialect.createTableAsSql(schema, promoter.candidateName(node.relation()
                                .getIdentifier()), "select * from " + node.relation()));
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("prepare the candidate", e);
        }
    }

    /**
     * The changed nodes whose candidate prepareCandidates left absent (all but the incremental ones,
     * seeded with a copy of the live table): they are created directly under the candidate name.
     */
    private Set<String> freshCandidates(CompiledProject run, List<String> changed) {
        Set<String> fresh = new HashSet<>();
        for (String id : changed) {
            if (!"incremental".equals(run.nodes().get(id).materialized())) {
                fresh.add(id);
            }
        }
        return fresh;
    }

    /**
     * The candidate the last verify staged, if it is exactly what this deploy would build: the
     * database records which node versions the candidates hold, so a verify from another checkout in
     * between is noticed and the candidate rebuilt.
     */
    private Staged reusableCandidate(HikariDataSource pool, CompiledProject run, Plan plan,
            Map<String, Fingerprint> fingerprints) throws WarehouseException {
        List<String> changed = changedIds(plan);
        if (changed.isEmpty()) {
            return null;
        }
        try (Connection c = pool.getConnection()) {
            if (!store.loadCandidates(c).equals(candidateEntries(changed, fingerprints))) {
                return null;
            }
            for (String id : changed) {
                CompiledNode node = run.nodes().get(id);
                if (!"view".equals(node.materialized()) && dialect.relationKind(c, node.relation().getSchema(),
                        promoter.candidateName(node.relation().getIdentifier())).isEmpty()) {
                    return null;
                }
            }
        } catch (SQLException e) {
            return null;
        }
        log.info("Promoting the candidate verified earlier (" + changed.size() + " relation(s)).");
        List<NodeResult> results = unchangedResults(run, plan);
        return new Staged(changed, results, results.size());
    }

    /** The nodes a deploy creates or replaces, in dependency order. */
    private static List<String> changedIds(Plan plan) {
        List<String> changed = new ArrayList<>();
        for (PlannedChange p : plan.changes()) {
            if (p.action() == Action.CREATE || p.action() == Action.REPLACE) {
                changed.add(p.uniqueId());
            }
        }
        return changed;
    }

    /** A result per relation the plan leaves alone, for the log and run_results.json. */
    private static List<NodeResult> unchangedResults(CompiledProject run, Plan plan) {
        List<NodeResult> results = new ArrayList<>();
        for (PlannedChange p : plan.changes()) {
            if (p.action() == Action.UNCHANGED) {
                CompiledNode node = run.nodes().get(p.uniqueId());
                results.add(new NodeResult(node.uniqueId(), node.resourceType().id(), NodeStatus.UNCHANGED, 0,
                        node.relation().unquoted(), node.displayName(), node.materialized(), "unchanged",
                        node.originalFilePath(), null));
            }
        }
        return results;
    }

    private Map<String, String> candidateEntries(List<String> changed, Map<String, Fingerprint> fingerprints) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String id : changed) {
            entries.put(id, fingerprints.get(id).value());
        }
        return entries;
    }

    // ---- shared ----

    private CompiledProject narrow(CompiledProject all) throws WarehouseException {
        CompiledProject run = RunSelection.narrow(all, request.select(), request.exclude(), request.skipTests() || request.mavenSkipTests());
        if (run.nodes().isEmpty()) {
            log.warn("Nothing to build: the selection (select=" + request.select() + ", exclude=" + request.exclude()
                    + ") matches no node.");
        }
        return run;
    }

    private BuildRunner runner(HikariDataSource pool) {
        return new BuildRunner(dialect, pool, log, new BuildOptions(request.failFast(), request.fullRefresh(),
                request.projectDirectory(), request.outputDirectory(), request.recreateOutsideViews()));
    }

    private RelationState stateOf(CompiledNode node, Fingerprint fp, String previous, boolean hasPrevious,
            Timestamp at, String deployId, Map<String, String> columnSignatures) {
        return new RelationState(target.schema(), node.relation().getSchema(), node.relation().getIdentifier(),
                node.uniqueId(), DeployPlanner.kindOf(node), fp.sqlHash(), fp.configHash(), fp.value(), previous,
                hasPrevious, at, deployedBy(), compilation.compiled().name(), request.projectVersion(),
                gitCommit(), deployId, Fingerprints.columnsHash(columnSignatures.get(node.relation().unquoted())));
    }

    /** Every relation ("schema.name") the project builds. */
    private Set<String> managedRelations() {
        Set<String> managed = new HashSet<>();
        for (CompiledNode n : compilation.compiled().nodes().values()) {
            if (!n.isTest() && !n.isEphemeral()) {
                managed.add(n.relation().unquoted());
            }
        }
        return managed;
    }

    private void logRedefined(OutsideViews outside) {
        if (!outside.isEmpty()) {
            log.info("Outside views defined again over the relations now live, in the same transaction: "
                    + String.join(", ", outside.describe()));
        }
    }

    /** {schema, name} of each node's relation. */
    private static List<String[]> relationsOf(List<CompiledNode> nodes) {
        List<String[]> out = new ArrayList<>();
        for (CompiledNode node : nodes) {
            out.add(new String[] {node.relation().getSchema(), node.relation().getIdentifier()});
        }
        return out;
    }

    /** The project's commit, asked for once, when the deploy began. */
    private String gitCommit() {
        return gitCommit.join();
    }

    /** Read once: resolving the host name may ask the network. */
    private String deployedBy() {
        if (deployedBy == null) {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "unknown-host";
            }
            deployedBy = warehouse.user() + "@" + host;
        }
        return deployedBy;
    }

    private void writeRunResults(List<NodeResult> results, Timestamp started) throws WarehouseException {
        try {
            RunResultsWriter.write(request.outputDirectory().resolve("run_results.json"), target.name(),
                    (System.currentTimeMillis() - started.getTime()) / 1000.0, results);
        } catch (IOException e) {
            throw new WarehouseException("Cannot write run_results.json: " + e.getMessage());
        }
    }

    /** Results that name the live relations the promoted candidates became. */
    private List<NodeResult> liveNames(List<NodeResult> results) {
        List<NodeResult> out = new ArrayList<>();
        for (NodeResult r : results) {
            CompiledNode node = compilation.compiled().nodes().get(r.uniqueId());
            if (node == null || node.isTest() || node.isEphemeral()) {
                out.add(r);
            } else {
                out.add(new NodeResult(r.uniqueId(), r.resourceType(), r.status(), r.executionTime(),
                        node.relation().unquoted(), node.displayName(), r.kind(), r.message(), r.file(),
                        r.compiledPath()));
            }
        }
        return out;
    }

    private static Set<String> ids(List<PlannedChange> plan, Action action) {
        Set<String> out = new HashSet<>();
        for (PlannedChange p : plan) {
            if (p.action() == action && p.uniqueId() != null) {
                out.add(p.uniqueId());
            }
        }
        return out;
    }

    private WarehouseException failure(String what, SQLException e) {
        return new WarehouseException("Could not " + what + " on target '" + target.name() + "': "
                + UrlMasking.scrub(e.getMessage(), target.definition()));
    }
}
