package org.sqlwarehouse.workflow;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.dialect.RelationKind;
import org.sqlwarehouse.engine.DeployLock;
import org.sqlwarehouse.engine.DocsComments;
import org.sqlwarehouse.engine.Indexes;
import org.sqlwarehouse.engine.KnownRelations;
import org.sqlwarehouse.engine.Promoter;
import org.sqlwarehouse.report.NodeResult;
import org.sqlwarehouse.report.NodeStatus;
import org.sqlwarehouse.state.DeployPlanner;
import org.sqlwarehouse.state.Fingerprints.Fingerprint;
import org.sqlwarehouse.state.PlannedChange;
import org.sqlwarehouse.state.PlannedChange.Action;
import org.sqlwarehouse.state.RelationState;
import org.sqlwarehouse.project.Materialization;
import org.sqlwarehouse.state.StagedCandidates;

/**
 * The candidate of a protected target: its changed relations built and tested beside the live
 * ones under candidate names (verify), and recorded so that a deploy promotes exactly what was
 * verified.
 */
final class CandidateStaging {
    private final DeployContext context;

    CandidateStaging(DeployContext context) {
        this.context = context;
    }

    /**
     * The deploy plan and the state it was made from.
     *
     * @param pruned relations earlier deploys pruned and keep as their previous version, by "schema.name"
     */
    record Plan(List<PlannedChange> changes, Map<String, RelationState> state, Map<String, RelationState> pruned) {
    }

    /**
     * A built candidate: the ids changed (topological order), every result, how many left alone, and
     * whether its data tests ran.
     */
    record Staged(List<String> changed, List<NodeResult> results, int unchangedCount, boolean tested) {
    }

    /** verify on a protected target: build and test the candidate; live relations are not touched. */
    List<NodeResult> run() throws WarehouseException {
        CompiledProject run = context.narrow(context.compilation.compiled());
        Map<String, Fingerprint> fingerprints = context.fingerprints();
        try (HikariDataSource pool = context.open();
                DeployLock lock = context.lock(pool)) {
            Plan plan = planUnderLock(pool, run, fingerprints);
            refuseStaleDownstream(plan);
            Staged staged = stageUnderLock(pool, run, fingerprints, plan);
            if (!staged.changed().isEmpty()) {
                context.log.info("Candidate for target '" + context.target.name() + "' built and tested: "
                        + staged.changed().size() + " relation(s) to create or replace, " + staged.unchangedCount()
                        + " unchanged. The live relations are untouched; warehouse:deploy makes it live.");
            }
            return staged.results();
        }
    }

    Plan planUnderLock(HikariDataSource pool, CompiledProject run, Map<String, Fingerprint> fingerprints)
            throws WarehouseException {
        try (Connection c = pool.getConnection()) {
            context.store.ensureTables(c);
            Map<String, RelationState> state = context.store.load(c, context.target.schema());
            return new Plan(DeployPlanner.plan(c, context.dialect, run, context.managedRelations(), fingerprints,
                    state, context.request.fullRefresh()), state, context.store.loadPruned(c, context.target.schema()));
        } catch (SQLException e) {
            throw context.failure("read the deploy state", e);
        }
    }

    /**
     * Refuses a selection that would leave project relations downstream of what it replaces on the
     * old version (see {@link StaleDownstream}): before anything is built, so that verify says it
     * as early as deploy.
     */
    void refuseStaleDownstream(Plan plan) throws WarehouseException {
        StaleDownstream stale = StaleDownstream.of(context.compilation.compiled(), changedIds(plan),
                plan.state()::containsKey);
        if (!stale.isEmpty()) {
            throw stale.refusal(context.target.name());
        }
    }

    Staged stageUnderLock(HikariDataSource pool, CompiledProject run, Map<String, Fingerprint> fingerprints,
            Plan plan) throws WarehouseException {
        List<String> changed = changedIds(plan);
        List<NodeResult> unchangedResults = unchangedResults(run, plan);
        boolean tested = !context.skipsDataTests();
        if (changed.isEmpty()) {
            return new Staged(changed, unchangedResults, unchangedResults.size(), tested);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String id : changed) {
            CompiledNode node = run.nodes().get(id);
            overrides.put(node.name(), context.promoter.candidateName(node.relation().getIdentifier()));
        }
        CompiledProject candidateAll = context.compilation.recompile(overrides);
        CompiledProject candidate = context.narrow(candidateAll);
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
            context.store.clearCandidates(c);
        } catch (SQLException e) {
            throw context.failure("clear the staged candidates", e);
        }
        prepareCandidates(pool, run, changed);
        for (NodeResult r : unchangedResults) {
            context.log.info(String.format(Locale.ROOT, "        SAME   %-6s %s (unchanged: the live relation stays)",
                    r.kind(), r.relation()));
        }
        List<NodeResult> results = new ArrayList<>(unchangedResults);
        results.addAll(context.runner(pool).run(subset, context.target, Set.of(), freshCandidates(run, changed)));
        try (Connection c = pool.getConnection()) {
            context.store.saveCandidates(c, candidateEntries(changed, fingerprints), tested);
        } catch (SQLException e) {
            throw context.failure("record the staged candidates", e);
        }
        return new Staged(changed, results, unchangedResults.size(), tested);
    }

    /**
     * Clears candidates left by an earlier run and seeds each incremental candidate with a copy of
     * its live table, so that the candidate applies only the new rows, as the live model would.
     */
    private void prepareCandidates(HikariDataSource pool, CompiledProject run, List<String> changed)
            throws WarehouseException {
        try (Connection c = pool.getConnection()) {
            List<CompiledNode> nodes = Promoter.nodes(run.nodes(), changed);
            KnownRelations known = context.promoter.lookUp(c, nodes);
            for (int i = nodes.size() - 1; i >= 0; i--) {
                String schema = nodes.get(i).relation().getSchema();
                String candidate = context.promoter.candidateName(nodes.get(i).relation().getIdentifier());
                Optional<RelationKind> kind = known.kind(schema, candidate);
                if (kind.isPresent()) {
                    // if exists: dropping a candidate may have taken the candidate views over it along
                    try (Statement s = c.createStatement()) {
                        s.execute(context.dialect.dropSql(kind.get(), schema, candidate, true));
                    }
                }
            }
            Set<String> schemas = new HashSet<>();
            for (CompiledNode node : nodes) {
                String schema = node.relation().getSchema();
                if (schemas.add(schema)) {
                    context.dialect.createSchemaIfMissing(c, schema);
                }
                // a snapshot's candidate is its live history plus this run: it is never rebuilt
                boolean copied = node.materialization() == Materialization.SNAPSHOT
                        || node.materialization() == Materialization.INCREMENTAL && !context.request.fullRefresh();
                if (copied && known.kind(schema, node.relation().getIdentifier())
                                .filter(k -> k == RelationKind.TABLE).isPresent()) {
                    String candidate = context.promoter.candidateName(node.relation().getIdentifier());
                    try (Statement s = c.createStatement()) {
                        s.execute(context.dialect.createTableAsSql(schema, candidate, "select * from "
                                + node.relation()));
                    }
                    // a copy has the rows, not the indexes: the candidate gets them as a new table would
                    if (context.dialect.supportsIndexes()) {
                        Indexes.of(node.config(), node.originalFilePath()).create(c, context.dialect, schema,
                                candidate);
                    }
                    DocsComments.of(node).write(c, context.dialect, RelationKind.TABLE, schema, candidate);
                }
            }
        } catch (SQLException e) {
            throw context.failure("prepare the candidate", e);
        }
    }

    /**
     * The changed nodes whose candidate prepareCandidates left absent (all but the incremental ones,
     * seeded with a copy of the live table): they are created directly under the candidate name.
     */
    private static Set<String> freshCandidates(CompiledProject run, List<String> changed) {
        Set<String> fresh = new HashSet<>();
        for (String id : changed) {
            Materialization m = run.nodes().get(id).materialization();
            if (m != Materialization.INCREMENTAL && m != Materialization.SNAPSHOT) {
                fresh.add(id);
            }
        }
        return fresh;
    }

    /**
     * The candidate the last verify staged, if it is exactly what this deploy would build: the
     * database records which node versions the candidates hold, so a verify from another checkout in
     * between is noticed and the candidate rebuilt. A candidate staged without its data tests is
     * rebuilt and tested, unless this run skips them too (warehouse.allowUntestedDeploy): a plain
     * deploy never promotes what nobody tested. Empty when there is none to reuse.
     */
    Optional<Staged> reusable(HikariDataSource pool, CompiledProject run, Plan plan,
            Map<String, Fingerprint> fingerprints) throws WarehouseException {
        List<String> changed = changedIds(plan);
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        StagedCandidates staged;
        try (Connection c = pool.getConnection()) {
            staged = context.store.loadCandidates(c);
            if (!staged.fingerprints().equals(candidateEntries(changed, fingerprints))) {
                return Optional.empty();
            }
            if (!staged.tested() && !context.skipsDataTests()) {
                context.log.info("The candidate staged earlier was built without its data tests: building and "
                        + "testing it again before it can be promoted.");
                return Optional.empty();
            }
            for (String id : changed) {
                CompiledNode node = run.nodes().get(id);
                if (node.materialization() != Materialization.VIEW && context.dialect.relationKind(c, node.relation().getSchema(),
                        context.promoter.candidateName(node.relation().getIdentifier())).isEmpty()) {
                    return Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw context.failure("read the staged candidates", e);
        }
        context.log.info("Promoting the candidate verified earlier (" + changed.size() + " relation(s)).");
        List<NodeResult> results = unchangedResults(run, plan);
        int unchangedCount = results.size();
        // nothing is built now, but run_results.json must still name what this deploy makes live
        for (String id : changed) {
            CompiledNode node = run.nodes().get(id);
            results.add(new NodeResult(node.uniqueId(), node.resourceType().id(), NodeStatus.SUCCESS, 0,
                    node.relation().unquoted(), node.displayName(), node.materialized(),
                    "promoted: the candidate an earlier verify built and tested", node.originalFilePath(), null,
                    node.relation().toString(), node.compiledSql(), null, NodeResult.Execution.none()));
        }
        return Optional.of(new Staged(changed, results, unchangedCount, staged.tested()));
    }

    /** The nodes a deploy creates or replaces, in dependency order. */
    static List<String> changedIds(Plan plan) {
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
                        node.relation().unquoted(), node.displayName(), node.materialized(),
                        "unchanged: the live relation stays", node.originalFilePath(), null,
                        node.relation().toString(), node.compiledSql(), null, NodeResult.Execution.none()));
            }
        }
        return results;
    }

    private static Map<String, String> candidateEntries(List<String> changed, Map<String, Fingerprint> fingerprints) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String id : changed) {
            entries.put(id, fingerprints.get(id).value());
        }
        return entries;
    }
}
