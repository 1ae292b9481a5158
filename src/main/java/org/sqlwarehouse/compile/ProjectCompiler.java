package org.sqlwarehouse.compile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.graph.CycleException;
import org.sqlwarehouse.graph.Dag;
import org.sqlwarehouse.graph.NameSuggester;
import org.sqlwarehouse.project.ConfigTree;
import org.sqlwarehouse.project.DbtProject;
import org.sqlwarehouse.project.ModelSource;
import org.sqlwarehouse.project.ResourceType;
import org.sqlwarehouse.project.SeedSource;
import org.sqlwarehouse.target.ResolvedTarget;

/**
 * Renders every model, works out each node's final config and relation, and checks the graph: an
 * unknown ref or a cycle fails here, before any database is touched.
 *
 * <p>Rendering runs twice only where it must: the first pass learns each model's refs and config()
 * calls; a model is rendered again only if a relation it was handed changed once every config was
 * known (an alias or schema set inside another model).
 */
public final class ProjectCompiler {
    private static final Set<String> MATERIALIZATIONS = Set.of("view", "table");

    private final TemplateRenderer renderer = new TemplateRenderer();

    public CompiledProject compile(DbtProject project, CompileSettings settings) throws WarehouseException {
        String projectName = project.name();
        Map<String, Object> vars = new LinkedHashMap<>(project.settings().vars());
        vars.putAll(settings.cliVars());
        Map<String, Object> targetBinding = targetBinding(settings.target());

        List<String> problems = new ArrayList<>();

        // Relations as dbt_project.yml and property files alone place them: the first pass's guess.
        Map<String, Relation> preliminary = new HashMap<>();
        for (SeedSource seed : project.seeds()) {
            preliminary.put(seed.name(), relationFor(seed.name(), seed.config(), settings));
        }
        for (ModelSource model : project.models()) {
            preliminary.put(model.name(), relationFor(model.name(), model.config(), settings));
        }

        // Pass 1: render with the guesses, learn refs and in-file config.
        Map<String, RenderState> firstPass = new LinkedHashMap<>();
        Map<String, String> firstSql = new HashMap<>();
        Map<String, Map<String, Object>> finalConfigs = new HashMap<>();
        for (ModelSource model : project.models()) {
            RenderState state = newState(model, vars, settings, preliminary::get);
            firstSql.put(model.name(), renderer.render(model.sql(), state,
                    bindings(targetBinding, preliminary.get(model.name()))));
            firstPass.put(model.name(), state);
            Map<String, Object> config = new LinkedHashMap<>(model.config());
            state.configCalls.forEach((k, v) -> ConfigTree.merge(config, k, v));
            finalConfigs.put(model.name(), config);
        }

        // Final relations, from every config.
        Map<String, Relation> relations = new HashMap<>();
        Map<String, String> uniqueIds = new HashMap<>();
        Set<String> disabled = new LinkedHashSet<>();
        for (SeedSource seed : project.seeds()) {
            if (Boolean.FALSE.equals(asBoolean(seed.config().get("enabled")))) {
                disabled.add(seed.name());
                continue;
            }
            relations.put(seed.name(), preliminary.get(seed.name()));
            uniqueIds.put(seed.name(), ResourceType.SEED.id() + "." + projectName + "." + seed.name());
        }
        for (ModelSource model : project.models()) {
            Map<String, Object> config = finalConfigs.get(model.name());
            if (Boolean.FALSE.equals(asBoolean(config.get("enabled")))) {
                disabled.add(model.name());
                continue;
            }
            relations.put(model.name(), relationFor(model.name(), config, settings));
            uniqueIds.put(model.name(), ResourceType.MODEL.id() + "." + projectName + "." + model.name());
        }

        Map<String, CompiledNode> nodes = new LinkedHashMap<>();
        for (SeedSource seed : project.seeds()) {
            if (disabled.contains(seed.name())) {
                continue;
            }
            checkIdentifier(seed.relativePath(), relations.get(seed.name()), problems);
            nodes.put(uniqueIds.get(seed.name()), new CompiledNode(uniqueIds.get(seed.name()), ResourceType.SEED,
                    seed.name(), seed.relativePath(), seed.fqn(), seed.config(), "seed", relations.get(seed.name()),
                    null, List.of(), seed));
        }
        for (ModelSource model : project.models()) {
            if (disabled.contains(model.name())) {
                continue;
            }
            RenderState state = firstPass.get(model.name());
            String sql = firstSql.get(model.name());
            if (!sameRelations(state, relations) || !relations.get(model.name()).equals(preliminary.get(model.name()))) {
                // Pass 2, only for models handed a relation that has moved since.
                state = newState(model, vars, settings, relations::get);
                sql = renderer.render(model.sql(), state, bindings(targetBinding, relations.get(model.name())));
            }
            problems.addAll(state.problems);
            List<String> dependsOn = new ArrayList<>();
            for (RenderState.RefCall call : state.refs) {
                String id = uniqueIds.get(call.name());
                if (id == null) {
                    problems.add(unknownRef(model, call, relations.keySet(), disabled));
                } else if (!dependsOn.contains(id)) {
                    dependsOn.add(id);
                }
            }
            Map<String, Object> config = finalConfigs.get(model.name());
            String materialized = String.valueOf(config.getOrDefault("materialized", "view")).toLowerCase(Locale.ROOT);
            if (!MATERIALIZATIONS.contains(materialized)) {
                problems.add(model.relativePath() + ": materialized '" + materialized
                        + "' is not supported; use view or table");
            }
            checkIdentifier(model.relativePath(), relations.get(model.name()), problems);
            nodes.put(uniqueIds.get(model.name()), new CompiledNode(uniqueIds.get(model.name()), ResourceType.MODEL,
                    model.name(), model.relativePath(), model.fqn(), config, materialized,
                    relations.get(model.name()), sql.strip(), List.copyOf(dependsOn), null));
        }
        if (!problems.isEmpty()) {
            throw new CompileException(problems, "Fix the templates named above; nothing was run.");
        }
        return new CompiledProject(projectName, nodes, graph(nodes));
    }

    private RenderState newState(ModelSource model, Map<String, Object> vars, CompileSettings settings,
            java.util.function.Function<String, Relation> resolver) {
        return new RenderState(model.relativePath(), vars, settings.environment(), resolver);
    }

    private static boolean sameRelations(RenderState state, Map<String, Relation> relations) {
        for (RenderState.RefCall call : state.refs) {
            Relation now = relations.get(call.name());
            if (now != null && !now.equals(call.returned())) {
                return false;
            }
        }
        return true;
    }

    private static String unknownRef(ModelSource model, RenderState.RefCall call, Set<String> known,
            Set<String> disabled) {
        String where = model.relativePath() + " line " + call.line() + ": ";
        if (disabled.contains(call.name())) {
            return where + "ref('" + call.name() + "') points to a disabled model";
        }
        String suggestion = NameSuggester.closest(call.name(), known).map(s -> "; did you mean '" + s + "'?")
                .orElse("");
        return where + "ref('" + call.name() + "') names no model or seed" + suggestion;
    }

    private static Dag graph(Map<String, CompiledNode> nodes) throws CompileException {
        Dag.Builder builder = Dag.builder();
        nodes.keySet().forEach(builder::node);
        for (CompiledNode node : nodes.values()) {
            for (String upstream : node.dependsOn()) {
                builder.edge(upstream, node.uniqueId());
            }
        }
        try {
            return builder.build();
        } catch (CycleException e) {
            List<String> steps = new ArrayList<>();
            for (String id : e.getCycle()) {
                CompiledNode node = nodes.get(id);
                steps.add(node.name() + " (" + node.originalFilePath() + ")");
            }
            throw new CompileException(List.of("Dependency cycle: " + String.join(" -> ", steps)),
                    "A model cannot read, directly or through others, from itself; remove one ref() of the cycle.");
        }
    }

    /** dbt's default generate_schema_name: a custom schema is appended to the target's. */
    private static Relation relationFor(String name, Map<String, Object> config, CompileSettings settings) {
        ResolvedTarget target = settings.target();
        Object custom = config.get("schema");
        String schema = custom == null || String.valueOf(custom).isBlank() ? target.schema()
                : target.schema() + "_" + String.valueOf(custom).trim();
        Object alias = config.get("alias");
        String identifier = alias == null || String.valueOf(alias).isBlank() ? name : String.valueOf(alias).trim();
        return new Relation(schema, identifier, settings.dialect().qualified(schema, identifier));
    }

    /** PostgreSQL silently truncates long names, which would merge two relations into one. */
    private static void checkIdentifier(String file, Relation relation, List<String> problems) {
        for (String part : new String[] {relation.getSchema(), relation.getIdentifier()}) {
            if (part.getBytes(StandardCharsets.UTF_8).length > 63) {
                problems.add(file + ": the name '" + part + "' is longer than 63 bytes, which databases truncate");
            }
        }
    }

    private static Boolean asBoolean(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        return Boolean.parseBoolean(String.valueOf(value));
    }

    private static Map<String, Object> bindings(Map<String, Object> target, Relation self) {
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("target", target);
        bindings.put("this", self);
        return bindings;
    }

    /** dbt's {@code target}; never the password. */
    private static Map<String, Object> targetBinding(ResolvedTarget target) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", target.name());
        t.put("target_name", target.name());
        t.put("type", target.type());
        t.put("schema", target.schema());
        t.put("threads", target.threads());
        t.put("database", target.definition().database());
        t.put("dbname", target.definition().database());
        t.put("host", target.definition().host());
        t.put("port", target.definition().port());
        t.put("user", target.definition().user());
        return t;
    }
}
