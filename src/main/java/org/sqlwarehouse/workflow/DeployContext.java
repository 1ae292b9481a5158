package org.sqlwarehouse.workflow;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.engine.BuildOptions;
import org.sqlwarehouse.engine.BuildRunner;
import org.sqlwarehouse.engine.OutsideViews;
import org.sqlwarehouse.engine.Promoter;
import org.sqlwarehouse.engine.SqlFailures;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.state.DeployPlanner;
import org.sqlwarehouse.state.Fingerprints;
import org.sqlwarehouse.state.Fingerprints.Fingerprint;
import org.sqlwarehouse.state.RelationState;
import org.sqlwarehouse.state.StateStore;

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

    /** The whole project's compile narrowed to the selection (and without tests where they are skipped). */
    CompiledProject narrow(CompiledProject all) throws WarehouseException {
        CompiledProject run = RunSelection.narrow(all, request.select(), request.exclude(),
                request.skipTests() || request.mavenSkipTests());
        if (run.nodes().isEmpty()) {
            log.warn("Nothing to build: the selection (select=" + request.select() + ", exclude=" + request.exclude()
                    + ") matches no node.");
        }
        return run;
    }

    Map<String, Fingerprint> fingerprints() {
        return Fingerprints.of(compilation.compiled());
    }

    BuildRunner runner(HikariDataSource pool) {
        return new BuildRunner(dialect, pool, log, new BuildOptions(request.failFast(), request.fullRefresh(),
                request.projectDirectory(), request.outputDirectory(), request.recreateOutsideViews()));
    }

    RelationState stateOf(CompiledNode node, Fingerprint fp, String previous, boolean hasPrevious, Timestamp at,
            String deployId, Map<String, String> columnSignatures) {
        return new RelationState(target.schema(), node.relation().getSchema(), node.relation().getIdentifier(),
                node.uniqueId(), DeployPlanner.kindOf(node), fp.sqlHash(), fp.configHash(), fp.value(), previous,
                hasPrevious, at, deployedBy(), compilation.compiled().name(), request.projectVersion(),
                gitCommit(), deployId, Fingerprints.columnsHash(columnSignatures.get(node.relation().unquoted())));
    }

    /** Every relation ("schema.name") the project builds. */
    Set<String> managedRelations() {
        Set<String> managed = new HashSet<>();
        for (CompiledNode n : compilation.compiled().nodes().values()) {
            if (!n.isTest() && !n.isEphemeral()) {
                managed.add(n.relation().unquoted());
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

    /** {schema, name} of each node's relation. */
    static List<String[]> relationsOf(List<CompiledNode> nodes) {
        List<String[]> out = new ArrayList<>();
        for (CompiledNode node : nodes) {
            out.add(new String[] {node.relation().getSchema(), node.relation().getIdentifier()});
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
        return SqlFailures.failure(what, target.name(), e, target.definition().password());
    }
}
