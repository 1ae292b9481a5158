package org.sqlwarehouse.workflow;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationName;
import org.sqlwarehouse.engine.BuildOptions;
import org.sqlwarehouse.engine.BuildRunner;
import org.sqlwarehouse.engine.DeployLock;
import org.sqlwarehouse.engine.OutsideViews;
import org.sqlwarehouse.engine.ProjectViews;
import org.sqlwarehouse.engine.Promoter;
import org.sqlwarehouse.engine.SqlFailures;
import org.sqlwarehouse.graph.StateStatus;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.state.DeployPlanner;
import org.sqlwarehouse.state.Fingerprints;
import org.sqlwarehouse.state.Fingerprints.Fingerprint;
import org.sqlwarehouse.state.ProjectFingerprints;
import org.sqlwarehouse.state.RelationState;
import org.sqlwarehouse.state.StateStore;
import org.sqlwarehouse.dialect.RelationName;

/**
 * What every workflow on a target shares: the request, the selected target and its dialect, the
 * compile, the state store, and who and which commit a deploy is recorded as. Made once per goal.
 */
final class DeployContext {
    final WarehouseRequest request;
    final Warehouse.Selection selection;
    final Warehouse.Compilation compilation;
    final BuildLog log;
    final Dialect dialect;
    final ResolvedTarget target;
    final StateStore store;
    final Promoter promoter;
    private final Warehouse warehouse;
    /** Asked while the build runs: asking git spawns a process. */
    private final CompletableFuture<String> gitCommit;
    private String deployedBy;
    /** Decided once per goal, so that its message is given once. */
    private Boolean skipsDataTests;
    private Map<String, String> projectFingerprints;
    private Map<String, StateStatus> stateStatuses;

    DeployContext(WarehouseRequest request, Warehouse.Selection selection, Warehouse.Compilation compilation,
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

    HikariDataSource open() throws WarehouseException {
        return warehouse.open(selection);
    }

    /** The target schema's lock, waited for up to warehouse.lockTimeout: one build or deploy at a time. */
    DeployLock lock(HikariDataSource pool) throws WarehouseException {
        return DeployLock.acquire(pool, dialect, target.schema(), request.lockTimeoutSeconds(), log);
    }

    /** The whole project's compile narrowed to the selection (and without tests where they are skipped). */
    CompiledProject narrow(CompiledProject all) throws WarehouseException {
        CompiledProject run = RunSelection.narrow(all, request.select(), request.exclude(), skipsDataTests(),
                stateStatuses(), request.indirectSelection());
        if (run.nodes().isEmpty()) {
            log.warn("Nothing to build: the selection (select=" + request.select() + ", exclude=" + request.exclude()
                    + ") matches no node.");
        }
        return run;
    }

    /**
     * How each model, seed and snapshot compares with the warehouse.state environment, read once per
     * goal and only when a state: selector asks (the other environment may be in another database).
     */
    private Map<String, StateStatus> stateStatuses() throws WarehouseException {
        if (stateStatuses == null) {
            stateStatuses = StateComparison.statusesFor(warehouse, request, selection, compilation,
                    this::projectFingerprints);
        }
        return stateStatuses;
    }

    /**
     * Whether this run leaves the data tests out. On an unprotected target either skipTests does
     * (DESIGN section 5). On a protected one the data tests are what stands between a bad seed or
     * model and the relations everyone reads: Maven's skipTests, which CI passes to skip Java unit
     * tests, leaves them in, and warehouse.skipTests is refused unless the user also says
     * warehouse.allowUntestedDeploy, so that untested data never goes live by accident.
     */
    boolean skipsDataTests() throws WarehouseException {
        if (skipsDataTests == null) {
            skipsDataTests = decideSkipsDataTests();
        }
        return skipsDataTests;
    }

    private boolean decideSkipsDataTests() throws WarehouseException {
        if (!target.isProtected()) {
            return request.skipTests() || request.mavenSkipTests();
        }
        if (!request.skipTests()) {
            if (request.mavenSkipTests()) {
                log.info("skipTests skips Java tests only: the data tests of protected target '" + target.name()
                        + "' run all the same, because they gate promotion.");
            }
            return false;
        }
        if (!request.allowUntestedDeploy()) {
            throw new WarehouseException("warehouse.skipTests=true is refused on protected target '" + target.name()
                    + "': its data tests gate what a deploy makes live, and without them untested data would be "
                    + "promoted.", "Run without -Dwarehouse.skipTests to test the candidate; to stage and deploy "
                            + "it untested on purpose, add -Dwarehouse.allowUntestedDeploy=true (the deploy is "
                            + "recorded as untested).");
        }
        log.warn("Data tests skipped on protected target '" + target.name() + "' (warehouse.skipTests with "
                + "warehouse.allowUntestedDeploy): the candidate is recorded as untested.");
        return true;
    }

    /** Each node's environment-independent fingerprint (see {@link ProjectFingerprints}), made once. */
    Map<String, String> projectFingerprints() {
        if (projectFingerprints == null) {
            projectFingerprints = ProjectFingerprints.of(compilation.unrendered(), compilation.compiled());
        }
        return projectFingerprints;
    }

    /**
     * Brings the project fingerprints of relations a run left unchanged up to date: their rows are
     * kept, but what the project says of them may have changed where this environment's render did
     * not (a branch on target.name).
     */
    void refreshProjectFingerprints(Connection c, Collection<String> unchangedIds, Map<String, RelationState> state)
            throws SQLException {
        Map<RelationName, String> stale = new LinkedHashMap<>();
        for (String id : unchangedIds) {
            CompiledNode node = compilation.compiled().nodes().get(id);
            String current = projectFingerprints().get(id);
            if (node == null || current == null || node.relation() == null) {
                continue;
            }
            RelationState row = state.get(node.relation().unquoted());
            if (row != null && !current.equals(row.projectFingerprint())) {
                stale.put(new RelationName(row.relationSchema(), row.relationName()), current);
            }
        }
        store.updateProjectFingerprints(c, stale);
    }

    Map<String, Fingerprint> fingerprints() {
        return Fingerprints.of(compilation.compiled());
    }

    /**
     * The fingerprints of what ran: those of the compile, but for nodes rendered again when built
     * (their templates ask the database), those of the SQL that ran.
     */
    Map<String, Fingerprint> fingerprintsAsRan(Map<String, CompiledNode> renderedAtRun) {
        if (renderedAtRun.isEmpty()) {
            return fingerprints();
        }
        CompiledProject compiled = compilation.compiled();
        Map<String, CompiledNode> nodes = new java.util.LinkedHashMap<>(compiled.nodes());
        nodes.putAll(renderedAtRun);
        return Fingerprints.of(new CompiledProject(compiled.name(), nodes, compiled.dag(), compiled.onRunStart(),
                compiled.onRunEnd()));
    }

    BuildRunner runner(HikariDataSource pool) throws WarehouseException {
        return new BuildRunner(dialect, pool, log, new BuildOptions(request.failFast(), request.fullRefresh(),
                request.projectDirectory(), request.outputDirectory(), request.recreateOutsideViews(),
                managedRelationKeys(), request.eventTimes()));
    }

    RelationState stateOf(CompiledNode node, Fingerprint fp, String previous, boolean hasPrevious, Timestamp at,
            String deployId, Map<String, String> columnSignatures) {
        return new RelationState(target.schema(), node.relation().getSchema(), node.relation().getIdentifier(),
                node.uniqueId(), DeployPlanner.kindOf(node), fp.sqlHash(), fp.configHash(), fp.value(), previous,
                hasPrevious, at, deployedBy(), compilation.compiled().name(), request.projectVersion(),
                gitCommit(), deployId, Fingerprints.columnsHash(columnSignatures.get(node.relation().unquoted())),
                null, projectFingerprints().get(node.uniqueId()));
    }

    /** Every relation the project builds. */
    /** As {@link #managedRelations()}, as the "schema.name" keys the catalog's answers are matched by. */
    Set<String> managedRelationKeys() {
        Set<String> keys = new HashSet<>();
        managedRelations().forEach(n -> keys.add(n.key()));
        return keys;
    }

    Set<RelationName> managedRelations() {
        Set<RelationName> managed = new HashSet<>();
        for (CompiledNode n : compilation.compiled().nodes().values()) {
            if (!n.isTest() && !n.isEphemeral()) {
                managed.add(n.relationName());
            }
        }
        return managed;
    }

    void logRedefined(OutsideViews outside) {
        if (!outside.isEmpty()) {
            log.info("Outside views defined again over the relations now live, in the same transaction: "
                    + String.join(", ", outside.describe()));
        }
    }

    void logRedefined(ProjectViews views) {
        if (!views.isEmpty()) {
            log.info("Project views left out of the selection defined again over the relations now live, in the"
                    + " same transaction: " + String.join(", ", views.describe()));
        }
    }

    /** Each node's relation. */
    static List<RelationName> relationsOf(List<CompiledNode> nodes) {
        List<RelationName> out = new ArrayList<>();
        for (CompiledNode node : nodes) {
            out.add(node.relationName());
        }
        return out;
    }

    /** The project's commit, asked for once, when the goal began. */
    String gitCommit() {
        return gitCommit.join();
    }

    /** Read once: resolving the host name may ask the network. */
    String deployedBy() {
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

    /** A database failure for the user: what could not be done, the server's words (secrets removed), its SQLState. */
    WarehouseException failure(String what, SQLException e) {
        return SqlFailures.failure(what, target.definition(), e);
    }
}
