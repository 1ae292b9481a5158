package org.sqlwarehouse.workflow;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.engine.Sidecar;
import org.sqlwarehouse.engine.UrlMasking;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.environment.TargetTemplates;
import org.sqlwarehouse.project.ProjectSettings;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.state.RelationState;
import org.sqlwarehouse.state.StateStore;
import org.sqlwarehouse.engine.DeployLock;

/**
 * drop-schema: drops exactly the current user's environment on the selected dev target, asking its
 * state which schemas that is, and nothing else.
 *
 * <p>The environment is its base schema (the user's dev schema, where its state lives) and the
 * sibling schemas that state records relations in. The base schema is dropped only if it holds this
 * project's state; a sibling only if the state records it, it holds no state of its own (then it is
 * another environment's base schema) and nothing in it is foreign to the environment. Never a schema
 * of the database itself or its default one (public, main), never a schema a target declares, never
 * a schema found by its name alone: {@code dbt_bob_smith} is not {@code dbt_bob}'s sibling because
 * it starts like one. Each schema left alone is reported with the reason. Siblings go first and the
 * base schema last, so that a failure midway leaves the state that names what is left.
 *
 * <p>With warehouse.dryRun it drops nothing and says what it would drop. {@link OldEnvironmentCleanup}
 * runs the same rules for each old environment of the project, through {@link #dropEnvironment}.
 */
final class EnvironmentDrop {
    /** How many foreign relations a message names before it says "and n more". */
    private static final int NAMED_AT_MOST = 5;

    private final WarehouseRequest request;
    private final Warehouse.Selection selection;
    private final Warehouse warehouse;
    private final ResolvedTarget target;
    private final Dialect dialect;
    private final BuildLog log;
    /** Whether each dropped schema gets a line of its own: the cleanup says one per environment. */
    private final boolean lineForEachDrop;

    EnvironmentDrop(WarehouseRequest request, Warehouse.Selection selection, Warehouse warehouse) {
        this(request, selection, warehouse, true);
    }

    /** For {@link OldEnvironmentCleanup}: the dropped schemas are named in its line per environment. */
    static EnvironmentDrop forCleanup(WarehouseRequest request, Warehouse.Selection selection, Warehouse warehouse) {
        return new EnvironmentDrop(request, selection, warehouse, false);
    }

    private EnvironmentDrop(WarehouseRequest request, Warehouse.Selection selection, Warehouse warehouse,
            boolean lineForEachDrop) {
        this.request = request;
        this.selection = selection;
        this.warehouse = warehouse;
        this.target = selection.target();
        this.dialect = selection.dialect();
        this.log = request.log();
        this.lineForEachDrop = lineForEachDrop;
    }

    /** Drops the environment's schemas as its state names them; reports and keeps every other one. */
    DroppedEnvironment run() throws WarehouseException {
        refuseUnsafeTargets();
        Project project = project();
        try (HikariDataSource pool = warehouse.open(selection)) {
            if (request.dryRun()) {
                try (Connection c = pool.getConnection()) {
                    return dropEnvironment(c, target.schema(), project);
                }
            }
            // the schema's lock, as every build takes it: never drop what a build is writing
            try (DeployLock lock = DeployLock.acquire(pool, dialect, target.schema(), request.lockTimeoutSeconds(), log);
                    Connection c = pool.getConnection()) {
                return dropEnvironment(c, target.schema(), project);
            }
        } catch (SQLException e) {
            throw new WarehouseException("drop-schema failed on target '" + target.name() + "': "
                    + UrlMasking.scrub(e.getMessage(), target.definition()),
                    "Check that the user may drop the schemas (it owns them), then run drop-schema again: "
                            + "the state names what is left.");
        }
    }

    private void refuseUnsafeTargets() throws WarehouseException {
        if (target.isProtected()) {
            throw new WarehouseException("drop-schema refuses target '" + target.name() + "': it is protected.",
                    "drop-schema is for dev schemas; select a dev target with -Dwarehouse.target=<name>.");
        }
        if (!target.devSchema()) {
            throw new WarehouseException("drop-schema refuses target '" + target.name() + "': its schema '"
                    + target.schema() + "' is declared, not derived from the user.",
                    "drop-schema drops only dbt_<user> schemas; drop a shared schema with your database's tools.");
        }
        String prefix = request.devSchemaPrefix();
        if (prefix != null && prefix.isBlank()) {
            // without a prefix the schema is the user's name alone: -Dwarehouse.user=public names public
            throw new WarehouseException("drop-schema refuses an empty warehouse.devSchemaPrefix: the schema '"
                    + target.schema() + "' would be named after the user alone, like any schema of the database.",
                    "Run it with the prefix your builds use (default dbt_, e.g. -Dwarehouse.devSchemaPrefix=dbt_), "
                            + "or drop the schema with your database's tools.");
        }
    }

    /**
     * The project's name and the schemas its nodes resolve to for this user (none for the cleanup,
     * which drops other users' environments).
     */
    record Project(String name, Set<String> schemas) {
    }

    /**
     * Compiles the project to learn where its nodes go for this user. A project that does not compile
     * (a model broken since the last build) must not keep a user from dropping the environment: the
     * state alone then says what it consists of.
     */
    Project project() throws WarehouseException {
        try {
            CompiledProject compiled = warehouse.compileOnly(selection).compiled();
            Set<String> schemas = new TreeSet<>();
            for (CompiledNode node : compiled.nodes().values()) {
                if (!node.isTest() && !node.isEphemeral()) {
                    schemas.add(node.relation().getSchema());
                }
            }
            return new Project(compiled.name(), schemas);
        } catch (WarehouseException e) {
            log.warn("The project does not compile (" + e.getMessage() + "); drop-schema goes by the state alone.");
            return new Project(ProjectSettings.load(request.projectDirectory(), request.fallbackName()).name(),
                    Set.of());
        }
    }

    /**
     * Drops the environment whose state lives in base (or with warehouse.dryRun says what it would
     * drop), by the rules above; the caller holds base's lock unless it is a dry run.
     */
    DroppedEnvironment dropEnvironment(Connection c, String base, Project project) throws SQLException {
        DroppedEnvironment.Builder outcome = DroppedEnvironment.builder();
        Set<String> existing = new TreeSet<>(dialect.schemas(c));
        Set<String> untouchable = untouchableSchemas(c, existing);
        if (!existing.contains(base)) {
            log.info("No schema " + base + " on target '" + target.name() + "': nothing to drop.");
            leaveUnrecorded(project.schemas(), existing, Set.of(base), outcome);
            return outcome.build();
        }
        if (untouchable.contains(base)) {
            return keep(outcome, base, "it is the database's own or default schema, or one a target declares");
        }
        StateStore store = new StateStore(dialect, base);
        if (!store.exists(c)) {
            keep(outcome, base, "it holds no warehouse state (" + StateStore.RELATIONS
                    + "), so nothing says this plugin built it; drop it with your database's tools if it is yours");
            leaveUnrecorded(project.schemas(), existing, Set.of(base), outcome);
            return outcome.build();
        }
        Map<String, RelationState> state = store.load(c, base);
        Set<String> projects = new TreeSet<>();
        Map<String, Set<String>> recorded = new java.util.TreeMap<>();
        for (RelationState r : state.values()) {
            if (r.project() != null) {
                projects.add(r.project());
            }
            recorded.computeIfAbsent(r.relationSchema(), s -> new TreeSet<>()).add(r.relationName());
        }
        if (!projects.isEmpty() && !projects.contains(project.name())) {
            return keep(outcome, base, "its state records the environment of project " + String.join(", ", projects)
                    + ", not of '" + project.name() + "'; run drop-schema from that project");
        }
        for (Map.Entry<String, Set<String>> sibling : recorded.entrySet()) {
            String schema = sibling.getKey();
            if (!schema.equals(base) && existing.contains(schema)) {
                dropSibling(c, schema, sibling.getValue(), untouchable, outcome);
            }
        }
        Set<String> known = new TreeSet<>(recorded.keySet());
        known.add(base);
        leaveUnrecorded(project.schemas(), existing, known, outcome);
        dropSchema(c, base, outcome);
        return outcome.build();
    }

    /** A sibling the state records: dropped unless it is not the environment's alone. */
    private void dropSibling(Connection c, String schema, Set<String> recordedNames, Set<String> untouchable,
            DroppedEnvironment.Builder outcome) throws SQLException {
        if (untouchable.contains(schema)) {
            keep(outcome, schema, "it is the database's own or default schema, or one a target declares");
            return;
        }
        if (new StateStore(dialect, schema).exists(c)) {
            keep(outcome, schema, "it holds warehouse state of its own: it is another environment's schema");
            return;
        }
        List<String> foreign = foreignRelations(c, schema, recordedNames);
        if (!foreign.isEmpty()) {
            String named = String.join(", ", foreign.subList(0, Math.min(NAMED_AT_MOST, foreign.size())))
                    + (foreign.size() > NAMED_AT_MOST ? " and " + (foreign.size() - NAMED_AT_MOST) + " more" : "");
            keep(outcome, schema, "it holds relations this environment did not build (" + named
                    + "); move or drop them, then run drop-schema again");
            return;
        }
        dropSchema(c, schema, outcome);
    }

    /** The relations of the schema that are neither recorded nor a sidecar of a recorded one. */
    private List<String> foreignRelations(Connection c, String schema, Set<String> recordedNames)
            throws SQLException {
        Set<String> own = new TreeSet<>(recordedNames);
        for (String name : recordedNames) {
            for (Sidecar sidecar : Sidecar.values()) {
                own.add(sidecar.nameFor(name, dialect.maxIdentifierBytes()));
            }
        }
        List<String> foreign = new ArrayList<>();
        String prefix = schema + ".";
        for (String relation : new TreeSet<>(dialect.relationKinds(c, Set.of(schema)).keySet())) {
            String name = relation.substring(prefix.length());
            if (!own.contains(name)) {
                foreign.add(name);
            }
        }
        return foreign;
    }

    /**
     * Schemas the project resolves to for this user that exist but that no state of this environment
     * records: what is there was not built by it (or it is another user's: bob's +schema: smith is
     * bob_smith's dev schema), so it stays, with a word why.
     */
    private void leaveUnrecorded(Set<String> resolved, Set<String> existing, Set<String> known,
            DroppedEnvironment.Builder outcome) {
        for (String schema : resolved) {
            if (!known.contains(schema) && existing.contains(schema)) {
                keep(outcome, schema, "this environment's state does not record it, so nothing says its "
                        + "relations are this environment's; drop it with your database's tools if it is yours");
            }
        }
    }

    /**
     * The database's own and default schemas and those the targets declare: never an environment's,
     * whatever a derived name or a state row says.
     */
    Set<String> untouchableSchemas(Connection c, Set<String> existing) throws SQLException {
        Set<String> out = new TreeSet<>();
        for (String schema : existing) {
            if (dialect.isSystemSchema(schema)) {
                out.add(schema);
            }
        }
        // the connection's default schema, unless a search_path names the user's own schema first
        String current = c.getSchema();
        if (current != null && !current.equals(target.schema())) {
            out.add(current);
        }
        for (Map.Entry<String, Object> entry : selection.catalog().describeAll().entrySet()) {
            if (entry.getValue() instanceof TargetDefinition definition) {
                String declared = declaredSchema(definition);
                if (declared != null) {
                    out.add(declared);
                }
            }
        }
        return out;
    }

    /** A target's declared schema as it renders ({{ env_var() }} and all), or null without one. */
    private String declaredSchema(TargetDefinition definition) {
        if (definition.schema() == null || definition.schema().isBlank()) {
            return null;
        }
        try {
            return TargetTemplates.render(definition, request.environment()).schema();
        } catch (WarehouseException e) {
            // a target that cannot be rendered here still keeps its literal schema safe
            return definition.schema();
        }
    }

    private void dropSchema(Connection c, String schema, DroppedEnvironment.Builder outcome) throws SQLException {
        String line;
        if (request.dryRun()) {
            line = "Would drop schema " + schema + " on target '" + target.name() + "' (dry run)";
        } else {
            dialect.dropSchema(c, schema);
            line = "Dropped schema " + schema + " on target '" + target.name() + "'";
        }
        if (lineForEachDrop) {
            log.info(line);
        } else {
            log.debug(line);
        }
        outcome.dropped(schema);
    }

    private DroppedEnvironment keep(DroppedEnvironment.Builder outcome, String schema, String reason) {
        log.warn("Left schema " + schema + " on target '" + target.name() + "' alone: " + reason + ".");
        outcome.kept(schema, reason);
        return outcome.build();
    }
}
