package org.sqlwarehouse.workflow;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.engine.DeployLock;
import org.sqlwarehouse.engine.UrlMasking;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.environment.TargetTemplates;
import org.sqlwarehouse.project.ProjectSettings;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.state.LastBuild;
import org.sqlwarehouse.state.StateStore;
import org.sqlwarehouse.workflow.EnvironmentCleanup.Environment;
import org.sqlwarehouse.workflow.EnvironmentCleanup.Outcome;

/**
 * drop-schema with warehouse.olderThan, for a nightly CI job: every environment of this project in
 * the selected target's database that was last built longer ago than that is dropped, each by
 * {@link EnvironmentDrop}'s rules (its base schema and the siblings its state records, nothing that
 * is not the environment's alone).
 *
 * <p>An environment is a schema holding warehouse state; it is this project's when every row of its
 * state names this project. Never dropped: a schema without state, another project's environment
 * (or one its state shares with another project), a protected target's schema, a schema any target
 * declares, the database's own and default schemas. Its last build is the newest time its state
 * records; one whose state records none is kept, as nothing says it is old.
 */
final class OldEnvironmentCleanup {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final WarehouseRequest request;
    private final Warehouse warehouse;
    private final BuildLog log;

    OldEnvironmentCleanup(WarehouseRequest request, Warehouse warehouse) {
        this.request = request;
        this.warehouse = warehouse;
        this.log = request.log();
    }

    EnvironmentCleanup run() throws WarehouseException {
        // a value nobody meant must not drop anything: read it before connecting
        AgeLimit limit = AgeLimit.parse(request.olderThan());
        Warehouse.Selection selection = warehouse.select();
        EnvironmentDrop drop = EnvironmentDrop.forCleanup(request, selection, warehouse);
        String project = ProjectSettings.load(request.projectDirectory(), request.fallbackName()).name();
        Instant cutoff = Instant.now().minus(limit.age());
        Map<String, String> guarded = guardedSchemas(selection);
        log.info("Environments of project '" + project + "' on target '" + selection.target().name()
                + "' last built before " + WHEN.format(cutoff) + " (older than " + limit.text() + ")"
                + (request.dryRun() ? ", dry run: nothing is dropped" : "") + ":");
        List<Environment> environments = new ArrayList<>();
        try (HikariDataSource pool = warehouse.open(selection)) {
            Candidates candidates;
            try (Connection c = pool.getConnection()) {
                candidates = candidates(c, selection.dialect(), drop, project);
            }
            for (Map.Entry<String, LastBuild> env : candidates.ofProject().entrySet()) {
                String schema = env.getKey();
                String keptBecause = guarded.containsKey(schema) ? guarded.get(schema)
                        : candidates.untouchable().contains(schema)
                                ? "it is the database's own or default schema"
                                : whyKept(env.getValue(), cutoff, limit);
                Environment outcome = keptBecause != null
                        ? kept(schema, env.getValue(), keptBecause)
                        : drop(pool, selection.dialect(), drop, schema, project, cutoff, limit);
                environments.add(outcome);
                report(outcome);
            }
        } catch (SQLException e) {
            throw new WarehouseException("drop-schema -Dwarehouse.olderThan=" + limit.text() + " failed on target '"
                    + selection.target().name() + "': " + UrlMasking.scrub(e.getMessage(), selection.target().definition()),
                    "Check that the user may drop the schemas (it owns them), then run it again: the state of each "
                            + "environment names what is left of it.");
        }
        EnvironmentCleanup cleanup = new EnvironmentCleanup(request.dryRun(), environments);
        log.info(summary(cleanup, limit));
        return cleanup;
    }

    /** This project's environments by base schema, and the schemas no rule may ever drop. */
    private record Candidates(Map<String, LastBuild> ofProject, Set<String> untouchable) {
    }

    private Candidates candidates(Connection c, Dialect dialect, EnvironmentDrop drop, String project)
            throws SQLException {
        Set<String> existing = new TreeSet<>(dialect.schemas(c));
        Map<String, LastBuild> ofProject = new TreeMap<>();
        for (String schema : existing) {
            if (dialect.isSystemSchema(schema)) {
                continue;
            }
            StateStore store = new StateStore(dialect, schema);
            if (!store.exists(c)) {
                continue;
            }
            LastBuild build;
            try {
                build = store.lastBuild(c, schema);
            } catch (SQLException e) {
                // not the plugin's table, or not readable by this login: nothing says whose it is
                log.warn("Left schema " + schema + " alone: its " + StateStore.RELATIONS
                        + " cannot be read as warehouse state (" + e.getMessage() + ").");
                continue;
            }
            if (build.projects().contains(project)) {
                // one shared with another project is listed, and kept: see whyKept
                ofProject.put(schema, build);
            } else {
                log.debug("Schema " + schema + " is an environment of another project: " + build.projects());
            }
        }
        return new Candidates(ofProject, drop.untouchableSchemas(c, existing));
    }

    /**
     * The schemas of the targets, by the reason they are never dropped: every schema a target
     * declares (in the POM or profiles.yml) and a protected target's, even when it is derived from
     * the user.
     */
    private Map<String, String> guardedSchemas(Warehouse.Selection selection) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, Object> entry : selection.catalog().describeAll().entrySet()) {
            if (!(entry.getValue() instanceof TargetDefinition definition)) {
                continue;
            }
            TargetDefinition rendered = rendered(definition);
            String schema = schemaOf(rendered);
            if (schema == null) {
                continue;
            }
            if (rendered.isProtected()) {
                out.put(schema, "it is the schema of target '" + rendered.name() + "', which is protected");
            } else if (rendered.schema() != null && !rendered.schema().isBlank()) {
                out.putIfAbsent(schema, "target '" + rendered.name() + "' declares it");
            }
        }
        return out;
    }

    private TargetDefinition rendered(TargetDefinition definition) {
        try {
            return TargetTemplates.render(definition, request.environment());
        } catch (WarehouseException e) {
            // a target that does not render here still keeps its literal schema safe
            return definition;
        }
    }

    /** The schema the target builds into for the current user, or null if it cannot be told. */
    private String schemaOf(TargetDefinition definition) {
        try {
            return ResolvedTarget.resolve(definition, request.devSchemaPrefix(), warehouse.user(), null).schema();
        } catch (WarehouseException | RuntimeException e) {
            return definition.schema();
        }
    }

    /**
     * Why the environment is kept: not this project's alone, not old enough, or not known to be old;
     * null when it is old.
     */
    private static String whyKept(LastBuild build, Instant cutoff, AgeLimit limit) {
        if (build.projects().size() > 1 || build.projects().contains(null)) {
            return "its state also records " + (build.projects().size() > 1 ? "other projects" : "rows without a project")
                    + ", so it is not this project's alone";
        }
        if (build.builtAt() == null) {
            return "its state records no build time";
        }
        if (!build.builtAt().isBefore(cutoff)) {
            return "built within the last " + limit.text();
        }
        return null;
    }

    /**
     * Drops one old environment under its lock, as every build takes it; a build that holds the lock
     * beyond the timeout keeps the environment, and one that finished meanwhile makes it recent.
     */
    private Environment drop(HikariDataSource pool, Dialect dialect, EnvironmentDrop drop, String schema,
            String project, Instant cutoff, AgeLimit limit) throws SQLException {
        EnvironmentDrop.Project asProject = new EnvironmentDrop.Project(project, Set.of());
        if (request.dryRun()) {
            try (Connection c = pool.getConnection()) {
                LastBuild build = new StateStore(dialect, schema).lastBuild(c, schema);
                return outcome(schema, build, drop.dropEnvironment(c, schema, asProject));
            }
        }
        try (DeployLock lock = DeployLock.acquire(pool, dialect, schema, request.lockTimeoutSeconds(), log);
                Connection c = pool.getConnection()) {
            LastBuild build = new StateStore(dialect, schema).lastBuild(c, schema);
            String recent = whyKept(build, cutoff, limit);
            if (recent != null) {
                return kept(schema, build, recent + " (a build finished while drop-schema waited for it)");
            }
            return outcome(schema, build, drop.dropEnvironment(c, schema, asProject));
        } catch (WarehouseException e) {
            LastBuild unknown = new LastBuild(Set.of(project), Set.of(), null, null, null);
            return kept(schema, unknown, e.getMessage());
        }
    }

    private Environment outcome(String schema, LastBuild build, DroppedEnvironment dropped) {
        if (!dropped.dropped().contains(schema)) {
            String reason = dropped.kept().stream().filter(k -> k.schema().equals(schema)).map(k -> k.reason())
                    .findFirst().orElse("drop-schema left it alone");
            return kept(schema, build, reason);
        }
        List<String> siblings = new ArrayList<>(dropped.dropped());
        siblings.remove(schema);
        return new Environment(schema, request.dryRun() ? Outcome.WOULD_DROP : Outcome.DROPPED, build.builtAt(),
                build.builtBy(), build.gitCommit(), siblings, null);
    }

    /** A kept environment, with the siblings its state records, none of which is dropped. */
    private static Environment kept(String schema, LastBuild build, String reason) {
        List<String> siblings = new ArrayList<>(build.relationSchemas());
        siblings.remove(schema);
        return new Environment(schema, Outcome.KEPT, build.builtAt(), build.builtBy(), build.gitCommit(), siblings,
                reason);
    }

    private void report(Environment e) {
        StringBuilder line = new StringBuilder(e.outcome().words()).append(" environment ").append(e.schema())
                .append(" (last built ")
                .append(e.lastBuilt() == null ? "at an unknown time" : WHEN.format(e.lastBuilt()) + ", "
                        + age(e.lastBuilt()) + " ago")
                .append(", by ").append(e.builtBy() == null ? "an unknown user" : e.builtBy())
                .append(e.gitCommit() == null || e.gitCommit().isBlank() ? "" : ", commit " + shortCommit(e.gitCommit()))
                .append(")")
                .append(e.siblings().isEmpty() ? ", no sibling schemas" : ", siblings " + String.join(", ", e.siblings()));
        if (e.outcome() == Outcome.KEPT) {
            line.append(": ").append(e.reason());
        }
        log.info(line.toString());
    }

    private static String shortCommit(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    private static String age(Instant when) {
        Duration age = Duration.between(when, Instant.now());
        if (age.toDays() > 0) {
            return age.toDays() + "d";
        }
        return age.toHours() > 0 ? age.toHours() + "h" : Math.max(0, age.toMinutes()) + "m";
    }

    private static String summary(EnvironmentCleanup cleanup, AgeLimit limit) {
        int schemas = 0;
        for (Environment e : cleanup.environments()) {
            if (e.outcome() != Outcome.KEPT) {
                schemas += 1 + e.siblings().size();
            }
        }
        int dropped = cleanup.droppedSchemas().size();
        return "drop-schema -Dwarehouse.olderThan=" + limit.text() + ": "
                + (cleanup.dryRun() ? "would drop " : "dropped ") + dropped + " environment" + (dropped == 1 ? "" : "s")
                + " (" + schemas + " schema" + (schemas == 1 ? "" : "s") + "), kept " + cleanup.keptSchemas().size()
                + (cleanup.dryRun() ? "; dry run, nothing was dropped" : "") + ".";
    }
}
