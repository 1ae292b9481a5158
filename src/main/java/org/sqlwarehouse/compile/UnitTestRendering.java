package org.sqlwarehouse.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sqlwarehouse.dialect.RelationName;
import org.sqlwarehouse.jinja.Macro;
import org.sqlwarehouse.jinja.PyCallable;
import org.sqlwarehouse.jinja.PyObject;
import org.sqlwarehouse.project.ModelSource;
import org.sqlwarehouse.project.SeedSource;
import org.sqlwarehouse.project.UnitTestSpec;

/**
 * Renders a model as a unit test sees it: every {@code ref()} and {@code source()} is a CTE of mock
 * rows (named by {@link #cteName}), {@code this} too when the test gives it, with the test's macro,
 * var and env var overrides. The same render, without overrides, tells a unit test the columns of
 * an upstream model from the columns of its own inputs.
 */
public final class UnitTestRendering {
    /** What a unit test input stands for. */
    public enum Upstream {
        MODEL, SEED, SNAPSHOT
    }

    /** One render: its SQL, the refs and sources it read (in order), and what went wrong. */
    public record Rendered(String sql, List<String> refs, List<String> sources, List<String> problems) {
    }

    private static final String CTE_PREFIX = "__dbt__cte__";

    private final CompileRun run;
    private final Map<String, Relation> relations;
    private final Map<String, ModelSource> models = new HashMap<>();
    private final Map<String, SeedSource> seeds = new HashMap<>();
    private final Set<String> snapshots;

    UnitTestRendering(CompileRun run, Map<String, Relation> relations, Set<String> disabled, Set<String> snapshots) {
        this.run = run;
        this.relations = relations;
        this.snapshots = snapshots;
        for (ModelSource model : run.project.models()) {
            if (!disabled.contains(model.name())) {
                models.put(model.name(), model);
            }
        }
        for (SeedSource seed : run.project.seeds()) {
            if (!disabled.contains(seed.name())) {
                seeds.put(seed.name(), seed);
            }
        }
    }

    /** The CTE an input's rows are given as: {@code __dbt__cte__orders}, {@code __dbt__cte__shop__orders}. */
    public static String cteName(String refOrSourceKey) {
        return CTE_PREFIX + refOrSourceKey.replaceAll("[^A-Za-z0-9_]", "__");
    }

    /** The SQL with the inputs' CTEs ahead of its own, merged into its with clause when it has one. */
    public static String withInputs(String sql, Map<String, String> ctes) {
        return Ephemerals.withCtes(sql, ctes);
    }

    /** The CTE {@code this} is given as. */
    public static String thisCte() {
        return CTE_PREFIX + "this";
    }

    public Optional<Upstream> upstream(String name) {
        if (models.containsKey(name)) {
            return Optional.of(Upstream.MODEL);
        }
        if (seeds.containsKey(name)) {
            return Optional.of(Upstream.SEED);
        }
        return snapshots.contains(name) ? Optional.of(Upstream.SNAPSHOT) : Optional.empty();
    }

    public boolean hasSource(String key) {
        return run.sources.containsKey(key);
    }

    /** Where a ref's node lives in the target; empty for an ephemeral model. */
    public Optional<RelationName> relationOf(String name) {
        Relation relation = relations.get(name);
        return relation == null || relation.isCte() ? Optional.empty()
                : Optional.of(new RelationName(relation.getSchema(), relation.getIdentifier()));
    }

    public Optional<RelationName> sourceRelation(String key) {
        Relation relation = run.sources.get(key);
        return relation == null ? Optional.empty()
                : Optional.of(new RelationName(relation.getSchema(), relation.getIdentifier()));
    }

    public Optional<SeedSource> seed(String name) {
        return Optional.ofNullable(seeds.get(name));
    }

    /** The seed that loads this relation (a source over a seed's table), if one does. */
    public Optional<SeedSource> seedLoading(RelationName relation) {
        for (SeedSource seed : seeds.values()) {
            if (relationOf(seed.name()).filter(relation::equals).isPresent()) {
                return Optional.of(seed);
            }
        }
        return Optional.empty();
    }

    /**
     * Renders a model with its inputs as CTEs.
     *
     * @param thisGiven   whether {@code this} is a CTE too (a unit test's {@code input: this}); else it is
     *                    the model's relation
     * @param incremental what is_incremental() returns, unless the overrides say otherwise
     * @param database    what the template may ask the database
     */
    public Rendered render(String modelName, UnitTestSpec.Overrides overrides, boolean thisGiven, boolean incremental,
            DatabaseAccess database) {
        ModelSource model = models.get(modelName);
        if (model == null) {
            return new Rendered("", List.of(), List.of(), List.of("model '" + modelName + "' is not enabled in this project"));
        }
        Set<String> refs = new LinkedHashSet<>();
        Set<String> sources = new LinkedHashSet<>();
        Map<String, Object> vars = MutableCopies.ofMap(run.packages.varsOf(model.relativePath()));
        vars.putAll(MutableCopies.ofMap(overrides.vars()));
        Map<String, String> environment = new HashMap<>(run.settings.environment());
        environment.putAll(overrides.envVars());
        boolean isIncremental = incremental;
        Object incrementalOverride = overrides.macros().get("is_incremental");
        if (incrementalOverride != null) {
            isIncremental = Boolean.TRUE.equals(incrementalOverride)
                    || "true".equalsIgnoreCase(String.valueOf(incrementalOverride));
        }
        RenderState state = new RenderState(model.relativePath(), vars, environment, name -> {
            refs.add(name);
            return cte(cteName(name));
        }, key -> {
            sources.add(key);
            return cte(cteName(key));
        }, isIncremental, run.settings.log());
        state.database = database;
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("this", thisGiven ? cte(thisCte()) : relations.get(modelName));
        bindings.putAll(macroOverrides(overrides.macros()));
        String sql = run.renderer.render(model.sql(), state, bindings);
        List<String> problems = new ArrayList<>(state.problems);
        if (state.needsDatabase != null && problems.isEmpty()) {
            problems.add(model.relativePath() + ": " + state.needsDatabase);
        }
        return new Rendered(sql.strip(), List.copyOf(refs), List.copyOf(sources), problems);
    }

    private static Relation cte(String name) {
        return new Relation("", name, name);
    }

    /**
     * Each overridden macro as a call that returns the test's value: a bare name replaces the
     * root project's macro and dbt's of that name; {@code package.name} the package's.
     */
    private Map<String, Object> macroOverrides(Map<String, Object> overrides) {
        Map<String, Object> bindings = new HashMap<>();
        Map<String, Map<String, Object>> byNamespace = new LinkedHashMap<>();
        for (Map.Entry<String, Object> override : overrides.entrySet()) {
            String key = override.getKey();
            PyCallable returnsValue = args -> override.getValue();
            int dot = key.indexOf('.');
            if (dot < 0) {
                bindings.put(key, returnsValue);
                byNamespace.computeIfAbsent(MacroDispatch.DBT, k -> new HashMap<>()).put(key, returnsValue);
            } else {
                byNamespace.computeIfAbsent(key.substring(0, dot), k -> new HashMap<>())
                        .put(key.substring(dot + 1), returnsValue);
            }
        }
        byNamespace.forEach((namespace, replaced) -> {
            Map<String, Macro> macros = run.renderer.namespaceMacros(namespace);
            if (macros != null || !MacroDispatch.DBT.equals(namespace)) {
                bindings.put(namespace, new OverriddenNamespace(namespace, macros == null ? Map.of() : macros, replaced));
            }
        });
        return bindings;
    }

    /** A macro namespace with some of its macros replaced. */
    private record OverriddenNamespace(String name, Map<String, Macro> macros, Map<String, Object> replaced)
            implements PyObject {
        @Override
        public Object getAttr(String attr) {
            Object value = replaced.containsKey(attr) ? replaced.get(attr) : macros.get(attr);
            return value == null ? MISSING : value;
        }

        @Override
        public String toString() {
            return "<macro namespace '" + name + "'>";
        }
    }
}
