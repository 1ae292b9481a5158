package org.sqlwarehouse.compile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.graph.CycleException;
import org.sqlwarehouse.graph.Dag;
import org.sqlwarehouse.graph.NameSuggester;
import org.sqlwarehouse.project.ConfigTree;
import org.sqlwarehouse.project.DbtPackage;
import org.sqlwarehouse.project.DbtProject;
import org.sqlwarehouse.project.GenericTestSpec;
import org.sqlwarehouse.project.ModelSource;
import org.sqlwarehouse.project.IncrementalStrategy;
import org.sqlwarehouse.project.Materialization;
import org.sqlwarehouse.project.ResourceType;
import org.sqlwarehouse.project.SeedSource;
import org.sqlwarehouse.project.SourceTable;
import org.sqlwarehouse.project.SqlFile;
import org.sqlwarehouse.project.UnbuiltNode;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.concurrent.ParallelInOrder;

/**
 * Renders every model and test, works out each node's final config and relation, and checks the
 * graph: an unknown ref or source, or a cycle, fails here, before any database is touched.
 *
 * <p>Rendering runs twice only where it must: the first pass learns each model's refs and config()
 * calls; a model is rendered again only if a relation it was handed changed once every config was
 * known (an alias or schema set inside another model). An incremental model is also rendered with
 * is_incremental() true, for runs against its existing table.
 */
public final class ProjectCompiler {
    private static final Pattern CALL_EXPRESSION = Pattern.compile("^\\s*(ref|source)\\s*\\(.*\\)\\s*$",
            Pattern.DOTALL);

    /** One compile's working state. */
    private static final class Run {
        final DbtProject project;
        final CompileSettings settings;
        final TemplateRenderer renderer;
        final Map<String, Object> vars;
        final List<String> problems = new ArrayList<>();
        final Map<String, Relation> sources = new HashMap<>();
        /** The target's database, as relations report it. */
        final String database;
        final RelationNaming naming;

        Run(DbtProject project, CompileSettings settings, TemplateRenderer renderer, Map<String, Object> vars,
                String database) {
            this.project = project;
            this.settings = settings;
            this.renderer = renderer;
            this.vars = vars;
            this.database = database;
            this.naming = new RelationNaming(renderer, settings, database, label -> state(label, n -> null, false),
                    problems);
        }

        Relation relation(String schema, String identifier, String type) {
            return Relation.of(settings.dialect(), database, schema, identifier, type);
        }

        RenderState state(String file, Function<String, Relation> refs, boolean incremental) {
            return new RenderState(file, MutableCopies.ofMap(vars), settings.environment(), refs, sources::get,
                    incremental, settings.log());
        }
    }

    /** Names listed in one log line before the rest are counted. */
    private static final int SHOWN_NAMES = 10;

    /** Below this many models per thread, a render pass runs on the calling thread alone. */
    private static final int MODELS_PER_THREAD = 64;

    private final int renderThreads;
    private final int modelsPerThread;

    public ProjectCompiler() {
        this(Runtime.getRuntime().availableProcessors(), MODELS_PER_THREAD);
    }

    /**
     * @param renderThreads   at most this many threads render the first pass
     * @param modelsPerThread at least this many models for each of them
     */
    ProjectCompiler(int renderThreads, int modelsPerThread) {
        this.renderThreads = renderThreads;
        this.modelsPerThread = Math.max(1, modelsPerThread);
    }

    public CompiledProject compile(DbtProject project, CompileSettings settings) throws WarehouseException {
        String projectName = project.name();
        Map<String, Object> vars = new LinkedHashMap<>(project.settings().vars());
        vars.putAll(settings.cliVars());
        Map<String, Object> targetBinding = targetBinding(settings);
        Map<String, Object> globals = new HashMap<>();
        globals.put("target", targetBinding);
        globals.put("project_name", projectName);
        // the dbt release whose behaviour the plugin follows, for packages that check it
        globals.put("dbt_version", "1.9.0");
        // dbt's run_started_at is an aware UTC datetime
        globals.put("run_started_at", TemplateDateTime.at(java.time.Instant.now(), TemplateTimezone.UTC));
        globals.put("invocation_id", UUID.randomUUID().toString());
        globals.put("modules", new TemplateObjects.Modules());
        String database = settings.dialect().databaseName(settings.target().definition());
        DatabaseFunctions databaseFunctions = new DatabaseFunctions(settings.dialect(), database);
        globals.put("adapter", new TemplateObjects.Adapter(settings.dialect(), databaseFunctions));
        globals.putAll(databaseFunctions.globals());
        globals.put("exceptions", new TemplateFunctions.Exceptions());
        // as dbt's run: a template that then asks the database renders again when built (RenderAtRun)
        globals.put("execute", true);
        globals.put("flags", new TemplateObjects.Flags(settings.fullRefresh()));
        globals.put("should_full_refresh", TemplateFunctions.shouldFullRefresh(settings.fullRefresh()));
        MacroSources macroFiles = macroSources(project, settings);
        Run run = new Run(project, settings, new TemplateRenderer(macroFiles, globals, settings.log()), vars,
                database);
        run.problems.addAll(run.renderer.macroProblems());
        for (UnbuiltNode node : project.unbuilt().values()) {
            if (node.kind() == UnbuiltNode.Kind.PYTHON_MODEL) {
                run.problems.add(node.file() + ": " + node.kind().why());
            }
        }

        for (SourceTable source : project.sources().values()) {
            run.sources.put(source.key(), run.relation(source.schema(), source.identifier(), null));
        }

        // Relations as dbt_project.yml and property files alone place them: the first pass's guess.
        Map<String, Relation> preliminary = new HashMap<>();
        for (SeedSource seed : project.seeds()) {
            preliminary.put(seed.name(), relationFor(run, seed.name(), seed.config(), "seed", seed.fqn(),
                    seed.relativePath()));
        }
        for (ModelSource model : project.models()) {
            preliminary.put(model.name(), relationFor(run, model.name(), model.config(), "model", model.fqn(),
                    model.relativePath()));
        }

        // Pass 1: render with the guesses, learn refs and in-file config.
        Map<String, RenderState> firstPass = new LinkedHashMap<>();
        Map<String, String> sql = new HashMap<>();
        Map<String, Map<String, Object>> configs = new HashMap<>();
        List<FirstRender> firstRenders = renderFirstPass(run, preliminary, macroFiles, globals);
        for (int i = 0; i < project.models().size(); i++) {
            ModelSource model = project.models().get(i);
            RenderState state = firstRenders.get(i).state();
            sql.put(model.name(), firstRenders.get(i).sql());
            firstPass.put(model.name(), state);
            Map<String, Object> config = new LinkedHashMap<>(model.config());
            state.configCalls.forEach((k, v) -> ConfigTree.merge(config, k, v));
            configs.put(model.name(), config);
        }

        // Final relations, from every config.
        Map<String, Relation> relations = new HashMap<>();
        Map<String, String> uniqueIds = new HashMap<>();
        Map<String, String> materializations = new HashMap<>();
        Set<String> disabled = new LinkedHashSet<>();
        for (SeedSource seed : project.seeds()) {
            if (isDisabled(seed.config())) {
                disabled.add(seed.name());
                continue;
            }
            relations.put(seed.name(), preliminary.get(seed.name()));
            uniqueIds.put(seed.name(), ResourceType.SEED.id() + "." + projectName + "." + seed.name());
            materializations.put(seed.name(), "seed");
        }
        for (ModelSource model : project.models()) {
            Map<String, Object> config = configs.get(model.name());
            if (isDisabled(config)) {
                disabled.add(model.name());
                continue;
            }
            String materialized = String.valueOf(config.getOrDefault("materialized", "view")).toLowerCase(Locale.ROOT);
            materializations.put(model.name(), materialized);
            Relation relation = "ephemeral".equals(materialized)
                    ? new Relation("", Ephemerals.PREFIX + model.name(), Ephemerals.PREFIX + model.name())
                    : relationFor(run, model.name(), config, "model", model.fqn(), model.relativePath());
            relations.put(model.name(), relation);
            uniqueIds.put(model.name(), ResourceType.MODEL.id() + "." + projectName + "." + model.name());
        }

        Map<String, CompiledNode> nodes = new LinkedHashMap<>();
        for (SeedSource seed : project.seeds()) {
            if (disabled.contains(seed.name())) {
                continue;
            }
            checkIdentifier(seed.relativePath(), relations.get(seed.name()), run.problems);
            Relation seedRelation = relations.get(seed.name());
            CompiledNode.Builder seedNode = CompiledNode.builder(uniqueIds.get(seed.name()), ResourceType.SEED,
                    seed.name()).originalFilePath(seed.relativePath()).fqn(seed.fqn()).config(seed.config())
                    .materialization(Materialization.SEED).relation(seedRelation);
            Hooks pre = hooks(run, seed.config(), "pre-hook", seed.relativePath(), seedRelation);
            Hooks post = hooks(run, seed.config(), "post-hook", seed.relativePath(), seedRelation);
            String asks = firstAsked(pre.needsDatabase(), post.needsDatabase());
            if (asks != null) {
                RenderAtRun atRun = new RenderAtRun(asks, run.renderer, new RenderAtRun.Templates(null, false,
                        Map.of("this", seedRelation), pre.templates(), post.templates(), Set.of()),
                        incremental -> run.state(seed.relativePath(), relations::get, false));
                seedNode.renderAtRun(atRun);
            }
            nodes.put(uniqueIds.get(seed.name()), seedNode.preHooks(pre.rendered()).postHooks(post.rendered())
                    .seed(seed).compiledPath(seed.relativePath()).build());
        }
        Map<String, List<String>> ephemeralReads = new HashMap<>();
        // by model name, a test's unique id: nodes whose templates ask the database
        Map<String, RenderAtRun> rendersAtRun = new HashMap<>();
        for (ModelSource model : project.models()) {
            if (disabled.contains(model.name())) {
                continue;
            }
            Relation self = relations.get(model.name());
            RenderState state = firstPass.get(model.name());
            String rendered = sql.get(model.name());
            if (!sameRelations(state, relations) || !self.equals(preliminary.get(model.name()))) {
                // Pass 2, only for models handed a relation that has moved since.
                Rendered second = renderForCompile(run.renderer, model.sql(),
                        () -> run.state(model.relativePath(), relations::get, false), Map.of("this", self));
                state = second.state();
                rendered = second.sql();
            }
            run.problems.addAll(state.problems);
            Map<String, Object> config = configs.get(model.name());
            String materialized = materializations.get(model.name());
            Optional<Materialization> materialization = Materialization.ofModelConfig(materialized);
            if (materialization.isEmpty()) {
                run.problems.add(model.relativePath() + ": materialized '" + materialized
                        + "' is not supported; use view, table, incremental or ephemeral");
            }
            Object strategy = config.get("incremental_strategy");
            if ("incremental".equals(materialized) && strategy != null
                    && IncrementalStrategy.of(String.valueOf(strategy)).isEmpty()) {
                // refused at compile, so that the first run (which creates the table) refuses it too
                run.problems.add(model.relativePath() + ": incremental_strategy '" + strategy
                        + "' is not supported; use " + IncrementalStrategy.choices());
            }
            String incrementalSql = null;
            String asksIncremental = null;
            List<String> incrementalReads = List.of();
            if ("incremental".equals(materialized)) {
                Rendered incremental = renderForCompile(run.renderer, model.sql(),
                        () -> run.state(model.relativePath(), relations::get, true), Map.of("this", self));
                incrementalSql = incremental.sql().strip();
                asksIncremental = incremental.state().needsDatabase;
                incrementalReads = refNames(incremental.state());
                run.problems.addAll(incremental.state().problems);
            }
            List<String> dependsOn = dependencies(run, model.relativePath(), state, uniqueIds, relations.keySet(),
                    disabled);
            ephemeralReads.put(model.name(), refNames(state));
            if (!"ephemeral".equals(materialized)) {
                checkIdentifier(model.relativePath(), self, run.problems);
            }
            Hooks pre = hooks(run, config, "pre-hook", model.relativePath(), self);
            Hooks post = hooks(run, config, "post-hook", model.relativePath(), self);
            String asks = firstAsked(state.needsDatabase, asksIncremental, pre.needsDatabase(), post.needsDatabase());
            RenderAtRun atRun = null;
            if (asks != null) {
                Set<String> reads = new java.util.HashSet<>(refNames(state));
                reads.addAll(incrementalReads);
                atRun = new RenderAtRun(asks, run.renderer, new RenderAtRun.Templates(model.sql(),
                        incrementalSql != null, Map.of("this", self), pre.templates(), post.templates(), reads),
                        incremental -> run.state(model.relativePath(), relations::get, incremental));
                rendersAtRun.put(model.name(), atRun);
            }
            nodes.put(uniqueIds.get(model.name()), CompiledNode.builder(uniqueIds.get(model.name()), ResourceType.MODEL,
                    model.name()).originalFilePath(model.relativePath()).fqn(model.fqn()).config(config)
                    // an unsupported one is a compile problem above: the node never runs
                    .materialization(materialization.orElse(Materialization.VIEW)).relation(self)
                    .compiledSql(rendered.strip()).incrementalSql(incrementalSql).dependsOn(dependsOn)
                    .sources(sourceKeys(state)).preHooks(pre.rendered()).postHooks(post.rendered())
                    .compiledPath(model.relativePath()).renderAtRun(atRun).build());
        }

        for (SqlFile test : project.singularTests()) {
            Rendered singular = renderForCompile(run.renderer, test.sql(),
                    () -> run.state(test.relativePath(), relations::get, false), Map.of());
            RenderState state = singular.state();
            String rendered = singular.sql();
            run.problems.addAll(state.problems);
            Map<String, Object> config = new LinkedHashMap<>();
            state.configCalls.forEach((k, v) -> ConfigTree.merge(config, k, v));
            if (isDisabled(config)) {
                continue;
            }
            String id = ResourceType.TEST.id() + "." + projectName + "." + test.name();
            ephemeralReads.put(id, refNames(state));
            RenderAtRun atRun = null;
            if (state.needsDatabase != null) {
                atRun = new RenderAtRun(state.needsDatabase, run.renderer, new RenderAtRun.Templates(test.sql(), false,
                        Map.of(), List.of(), List.of(), Set.copyOf(refNames(state))), incremental -> run.state(test.relativePath(), relations::get,
                                false));
                rendersAtRun.put(id, atRun);
            }
            nodes.put(id, CompiledNode.builder(id, ResourceType.TEST, test.name()).originalFilePath(test.relativePath())
                    .fqn(List.of(projectName, test.name())).config(config).materialization(Materialization.TEST)
                    .compiledSql(rendered.strip()).renderAtRun(atRun)
                    .storeFailuresIn(auditRelation(run, test.name(), config, List.of(projectName, test.name()),
                            test.relativePath()))
                    .dependsOn(dependencies(run, test.relativePath(), state, uniqueIds, relations.keySet(), disabled))
                    .sources(sourceKeys(state)).compiledPath(test.relativePath()).build());
        }
        for (GenericTestSpec spec : project.genericTests()) {
            CompiledNode test = genericTest(run, spec, relations, uniqueIds, disabled, ephemeralReads, rendersAtRun);
            if (test != null) {
                nodes.put(test.uniqueId(), test);
            }
        }

        List<String> onRunStart = projectHooks(run, "on-run-start");
        List<String> onRunEnd = projectHooks(run, "on-run-end");
        if (!run.problems.isEmpty()) {
            throw new CompileException(run.problems, "Fix the files named above; nothing was run.");
        }
        UnappliedConfigs.warn(nodes, settings.dialect(), settings.log());
        Map<String, CompiledNode> injected = Ephemerals.inline(nodes, ephemeralReads);
        Map<String, CompiledNode> beforeInlining = Map.copyOf(nodes);
        rendersAtRun.forEach((key, atRun) -> atRun.withEphemerals(
                rendered -> Ephemerals.inlineInto(key, rendered, beforeInlining, ephemeralReads)));
        if (!rendersAtRun.isEmpty()) {
            List<String> names = new ArrayList<>(new java.util.TreeSet<>(rendersAtRun.keySet().stream()
                    .map(k -> nodes.containsKey(k) ? nodes.get(k).name() : k).toList()));
            String shown = names.size() <= SHOWN_NAMES ? String.join(", ", names)
                    : String.join(", ", names.subList(0, SHOWN_NAMES)) + " and " + (names.size() - SHOWN_NAMES)
                            + " more";
            settings.log().info(names.size() + " node" + (names.size() == 1 ? " asks" : "s ask")
                    + " the database while rendering; " + (names.size() == 1 ? "it is" : "they are")
                    + " rendered again when built: " + shown);
        }
        return new CompiledProject(projectName, injected, graph(injected), onRunStart, onRunEnd);
    }

    /**
     * The root project's macros, and each installed package's with the vars its macros see: the
     * package's own, under the root project's (global, then scoped to the package) and the command
     * line's. The root project's {@code dispatch:} config gives dispatch's search orders.
     */
    private static MacroSources macroSources(DbtProject project, CompileSettings settings) throws WarehouseException {
        Map<String, Object> rootVars = project.settings().raw().get("vars") instanceof Map<?, ?> m
                ? castMap(m) : Map.of();
        List<MacroSources.PackageMacros> packages = new ArrayList<>();
        for (DbtPackage pkg : project.packages()) {
            Map<String, Object> vars = new LinkedHashMap<>(pkg.settings().vars());
            vars.putAll(project.settings().vars());
            if (rootVars.get(pkg.name()) instanceof Map<?, ?> scoped) {
                vars.putAll(castMap(scoped));
            }
            vars.putAll(settings.cliVars());
            packages.add(new MacroSources.PackageMacros(pkg.name(), pkg.macros(), vars));
        }
        return new MacroSources(project.name(), project.macros(), packages, searchOrders(project));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    /** dispatch: [{macro_namespace: dbt_utils, search_order: [my_project, dbt_utils]}] of dbt_project.yml. */
    private static Map<String, List<String>> searchOrders(DbtProject project) throws WarehouseException {
        Object value = project.settings().raw().get("dispatch");
        if (value == null) {
            return Map.of();
        }
        String example = "; e.g. dispatch: [{macro_namespace: dbt_utils, search_order: [" + project.name()
                + ", dbt_utils]}]";
        if (!(value instanceof List<?> entries)) {
            throw new WarehouseException("dbt_project.yml: dispatch: must be a list" + example);
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> map) || map.get("macro_namespace") == null
                    || !(map.get("search_order") instanceof List<?> order) || order.isEmpty()) {
                throw new WarehouseException("dbt_project.yml: every dispatch: entry needs a macro_namespace and a "
                        + "search_order list, found " + entry + example);
            }
            List<String> packages = new ArrayList<>();
            order.forEach(p -> packages.add(String.valueOf(p)));
            out.put(String.valueOf(map.get("macro_namespace")), List.copyOf(packages));
        }
        return out;
    }

    /** A model's first-pass render: its SQL and what the render learned. */
    private record FirstRender(String sql, RenderState state) {
    }

    /**
     * Renders every model with the preliminary relations. The renders are independent, so with
     * enough models they run on several threads, each with a renderer of its own (a renderer serves one
     * thread at a time). The result is the same as one after the other:
     * results come back in model order, and what templates log is held and written in model order.
     */
    private List<FirstRender> renderFirstPass(Run run, Map<String, Relation> preliminary, MacroSources macroFiles,
            Map<String, Object> globals) {
        List<ModelSource> models = run.project.models();
        // warehouse.threads (or the target's threads) caps the compile too: a user who asks for one
        // thread gets one
        int threads = Math.min(Math.min(renderThreads, run.settings.target().threads()),
                models.size() / modelsPerThread);
        if (threads <= 1) {
            List<FirstRender> out = new ArrayList<>(models.size());
            for (ModelSource model : models) {
                out.add(renderFirst(run, run.renderer, model, preliminary, run.settings.log()));
            }
            return out;
        }
        DeferredLog[] logs = new DeferredLog[models.size()];
        // macros load silently in the helpers' renderers: the main renderer already logged what their files log
        List<FirstRender> out = ParallelInOrder.map(models, threads, run.renderer,
                () -> new TemplateRenderer(macroFiles, MutableCopies.ofMap(globals), BuildLog.SILENT),
                (renderer, i, model) -> {
                    logs[i] = new DeferredLog(run.settings.log());
                    return renderFirst(run, renderer, model, preliminary, logs[i]);
                });
        for (DeferredLog log : logs) {
            log.flush();
        }
        return out;
    }

    private static FirstRender renderFirst(Run run, TemplateRenderer renderer, ModelSource model,
            Map<String, Relation> preliminary, BuildLog log) {
        // each render gets vars of its own: one template's changes reach no other, on any thread
        Rendered first = renderForCompile(renderer, model.sql(), () -> new RenderState(model.relativePath(),
                MutableCopies.ofMap(run.vars), run.settings.environment(), preliminary::get, run.sources::get, false,
                log), Map.of("this", preliminary.get(model.name())));
        return new FirstRender(first.sql(), first.state());
    }

    private static boolean isDisabled(Map<String, Object> config) {
        Object enabled = config.get("enabled");
        return enabled != null && !Boolean.parseBoolean(String.valueOf(enabled));
    }

    private static List<String> refNames(RenderState state) {
        List<String> names = new ArrayList<>();
        for (RenderState.RefCall call : state.refs) {
            names.add(call.name());
        }
        return names;
    }

    private static List<String> sourceKeys(RenderState state) {
        List<String> keys = new ArrayList<>();
        for (RenderState.SourceCall call : state.sources) {
            String key = call.source() + "." + call.table();
            if (!keys.contains(key)) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** Unique ids of what the render read; unknown refs and sources become problems with hints. */
    private static List<String> dependencies(Run run, String file, RenderState state, Map<String, String> uniqueIds,
            Set<String> known, Set<String> disabled) {
        List<String> dependsOn = new ArrayList<>();
        for (RenderState.RefCall call : state.refs) {
            String id = uniqueIds.get(call.name());
            if (id == null) {
                run.problems.add(unknownRef(file, call, known, disabled, run.project.unbuilt()));
            } else if (!dependsOn.contains(id)) {
                dependsOn.add(id);
            }
        }
        for (RenderState.SourceCall call : state.sources) {
            String key = call.source() + "." + call.table();
            if (!run.sources.containsKey(key)) {
                String hint = NameSuggester.closest(key, run.sources.keySet()).map(s -> "; did you mean '" + s + "'?")
                        .orElse("; declare it under sources: in a property file");
                run.problems.add(call.where() + ": source('" + call.source() + "', '" + call.table()
                        + "') names no declared source table" + hint);
            }
        }
        return dependsOn;
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

    private static String unknownRef(String file, RenderState.RefCall call, Set<String> known, Set<String> disabled,
            Map<String, UnbuiltNode> unbuilt) {
        String where = call.where() + ": ";
        if (disabled.contains(call.name())) {
            return where + "ref('" + call.name() + "') points to a disabled model";
        }
        UnbuiltNode node = unbuilt.get(call.name());
        if (node != null) {
            return where + "ref('" + call.name() + "') names " + node.kind().described() + " (" + node.file()
                    + "), which is not built: " + node.kind().why();
        }
        String suggestion = NameSuggester.closest(call.name(), known).map(s -> "; did you mean '" + s + "'?")
                .orElse("");
        return where + "ref('" + call.name() + "') names no model or seed" + suggestion;
    }

    /** A generic test from a property file, rendered through its test_ macro. */
    private CompiledNode genericTest(Run run, GenericTestSpec spec, Map<String, Relation> relations,
            Map<String, String> uniqueIds, Set<String> disabled, Map<String, List<String>> ephemeralReads,
            Map<String, RenderAtRun> rendersAtRun) {
        if (isDisabled(spec.config())) {
            return null;
        }
        Relation tested;
        List<String> dependsOn = new ArrayList<>();
        if ("source".equals(spec.targetKind())) {
            tested = run.sources.get(spec.targetName());
        } else {
            if (disabled.contains(spec.targetName())) {
                return null;
            }
            tested = relations.get(spec.targetName());
            if (tested != null) {
                dependsOn.add(uniqueIds.get(spec.targetName()));
            }
        }
        if (tested == null) {
            // a warning, as in dbt: the property file may describe a model that was removed or renamed
            UnbuiltNode node = run.project.unbuilt().get(spec.targetName());
            run.settings.log().warn(spec.file() + ": test '" + spec.testName() + "' is attached to "
                    + spec.targetKind() + " '" + spec.targetName() + "', which " + (node == null ? "does not exist"
                            : "is " + node.kind().described() + " (" + node.file() + "), not built")
                    + "; the test is left out");
            return null;
        }
        String macro = run.renderer.genericTestMacro(spec.testName());
        if (macro == null) {
            run.problems.add(spec.file() + ": unknown generic test '" + spec.testName() + "' on " + spec.targetName()
                    + "; " + run.renderer.unknownTestHint(spec.testName()));
            return null;
        }
        Map<String, Object> testConfig = renderValues(run, spec.file(), spec.config(), relations);
        Object where = testConfig.get("where");
        Relation model = where == null ? tested : new Relation(tested.getSchema(), tested.getIdentifier(),
                "(select * from " + tested + " where " + where + ") dbt_subquery");
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("__wh_model", model);
        StringBuilder call = new StringBuilder("{{ ").append(macro).append("(model=__wh_model");
        if (spec.columnName() != null) {
            bindings.put("__wh_column", spec.columnName());
            call.append(", column_name=__wh_column");
        }
        int i = 0;
        for (Map.Entry<String, Object> arg : renderValues(run, spec.file(), spec.arguments(), relations).entrySet()) {
            if (arg.getValue() instanceof String s && CALL_EXPRESSION.matcher(s).matches()) {
                call.append(", ").append(arg.getKey()).append('=').append(s.strip());
            } else {
                String var = "__wh_arg_" + i++;
                bindings.put(var, arg.getValue());
                call.append(", ").append(arg.getKey()).append('=').append(var);
            }
        }
        call.append(") }}");
        Rendered test = renderForCompile(run.renderer, call.toString(), () -> {
            RenderState fresh = run.state(spec.file(), relations::get, false);
            fresh.written = true;
            // the property file's config, as should_store_failures() sees it
            fresh.configCalls.putAll(testConfig);
            return fresh;
        }, bindings);
        RenderState state = test.state();
        String rendered = test.sql();
        run.problems.addAll(state.problems);
        for (String id : dependencies(run, spec.file(), state, uniqueIds, relations.keySet(), disabled)) {
            if (!dependsOn.contains(id)) {
                dependsOn.add(id);
            }
        }
        String name = GenericTestNames.of(spec);
        String id = ResourceType.TEST.id() + "." + run.project.name() + "." + name + "."
                + GenericTestNames.shortHash(spec.toString());
        List<String> reads = refNames(state);
        if (!"source".equals(spec.targetKind())) {
            // the tested model is handed in, not ref()'d: an ephemeral one still needs its CTE
            reads.add(spec.targetName());
        }
        ephemeralReads.put(id, reads);
        // the test macro's config() calls (dbt_utils sets fail_calc so), under the property file's config
        Map<String, Object> config = new LinkedHashMap<>();
        state.configCalls.forEach((k, v) -> ConfigTree.merge(config, k, v));
        testConfig.forEach((k, v) -> ConfigTree.merge(config, k, v));
        RenderAtRun atRun = null;
        if (state.needsDatabase != null) {
            atRun = new RenderAtRun(state.needsDatabase, run.renderer, new RenderAtRun.Templates(call.toString(), false,
                    bindings, List.of(), List.of(), Set.copyOf(refNames(state))), incremental -> {
                        RenderState fresh = run.state(spec.file(), relations::get, false);
                        fresh.written = true;
                        fresh.configCalls.putAll(testConfig);
                        return fresh;
                    });
            rendersAtRun.put(id, atRun);
        }
        return CompiledNode.builder(id, ResourceType.TEST, name).originalFilePath(spec.file()).renderAtRun(atRun)
                .storeFailuresIn(auditRelation(run, name, config, List.of(run.project.name(), name), spec.file()))
                .fqn(List.of(run.project.name(), name)).config(config).materialization(Materialization.TEST)
                .relation(tested).compiledSql(rendered.strip()).dependsOn(dependsOn).sources(sourceKeys(state))
                .compiledPath(spec.file() + "/" + name + ".sql").build();
    }

    /**
     * Property-file values with Jinja in them ({@code where: "status = '{{ var('s') }}'"}) rendered as
     * dbt renders them; ref()/source() calls are left for the test's own render, which resolves them.
     */
    private Map<String, Object> renderValues(Run run, String file, Map<String, Object> values,
            Map<String, Relation> relations) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            if (v instanceof String s && (s.contains("{{") || s.contains("{%"))
                    && !CALL_EXPRESSION.matcher(s).matches()) {
                RenderState state = run.state(file, relations::get, false);
                v = run.renderer.render(s, state, Map.of());
                run.problems.addAll(state.problems);
            }
            out.put(e.getKey(), v);
        }
        return out;
    }

    /**
     * A node's pre-hook or post-hook statements: their templates, rendered, and what the first of them
     * that asks the database asked (null when none does).
     */
    private record Hooks(List<String> templates, List<String> rendered, String needsDatabase) {
    }

    private static Hooks hooks(Run run, Map<String, Object> config, String key, String file, Relation self) {
        Object value = config.get(key);
        if (value == null) {
            return new Hooks(List.of(), List.of(), null);
        }
        List<String> templates = new ArrayList<>();
        List<String> out = new ArrayList<>();
        String asks = null;
        for (Object hook : value instanceof List<?> l ? l : List.of(value)) {
            Object sql = hook instanceof Map<?, ?> m ? m.get("sql") : hook;
            if (sql == null || String.valueOf(sql).isBlank()) {
                continue;
            }
            templates.add(String.valueOf(sql));
            Rendered rendered = renderForCompile(run.renderer, String.valueOf(sql),
                    () -> run.state(file + " (" + key + ")", n -> null, false), Map.of("this", self));
            asks = firstAsked(asks, rendered.state().needsDatabase);
            String statement = rendered.sql().strip();
            if (!statement.isEmpty()) {
                out.add(statement);
            }
            run.problems.addAll(rendered.state().problems);
        }
        return new Hooks(templates, out, asks);
    }

    private static String firstAsked(String... asked) {
        for (String a : asked) {
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    /** A render at compile time: its SQL and its state. */
    private record Rendered(String sql, RenderState state) {
    }

    /**
     * Renders without a database as a build would render (execute true). A template that asks the
     * database is rendered again as dbt's parse renders it (execute false, every question answered
     * with nothing), for its refs and config; the state says what it asked, and the node renders
     * again when built.
     */
    private static Rendered renderForCompile(TemplateRenderer renderer, String template,
            java.util.function.Supplier<RenderState> newState, Map<String, Object> bindings) {
        RenderState state = newState.get();
        String sql = renderer.render(template, state, bindings);
        if (state.needsDatabase == null) {
            return new Rendered(sql, state);
        }
        RenderState parse = newState.get();
        parse.database = DatabaseAccess.PARSE;
        parse.needsDatabase = state.needsDatabase;
        Map<String, Object> parseBindings = new HashMap<>(bindings);
        parseBindings.put("execute", false);
        String parsed = renderer.render(template, parse, parseBindings);
        // what the first render read before it asked (a ref in a statement block) is read when built too
        for (RenderState.RefCall ref : state.refs) {
            if (parse.refs.stream().noneMatch(r -> r.name().equals(ref.name()))) {
                parse.refs.add(ref);
            }
        }
        for (RenderState.SourceCall source : state.sources) {
            if (!parse.sources.contains(source)) {
                parse.sources.add(source);
            }
        }
        return new Rendered(parsed, parse);
    }

    private static List<String> projectHooks(Run run, String key) {
        Object value = run.project.settings().raw().get(key);
        if (value == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object hook : value instanceof List<?> l ? l : List.of(value)) {
            RenderState state = run.state("dbt_project.yml (" + key + ")", n -> null, false);
            String rendered = run.renderer.render(String.valueOf(hook), state, Map.of()).strip();
            run.problems.addAll(state.problems);
            if (!rendered.isEmpty()) {
                out.add(rendered);
            }
        }
        return out;
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

    /**
     * Where a data test with store_failures keeps its failing rows, as dbt: a table named after the test
     * in the schema generate_schema_name gives its schema config, dbt_test__audit unless it sets one.
     */
    private static Relation auditRelation(Run run, String testName, Map<String, Object> config, List<String> fqn,
            String file) {
        if (!org.sqlwarehouse.jinja.Py.truthy(config.getOrDefault("store_failures", false))) {
            return null;
        }
        Map<String, Object> audit = new LinkedHashMap<>(config);
        audit.putIfAbsent("schema", "dbt_test__audit");
        audit.put("materialized", "table");
        audit.remove("alias");
        String name = config.get("alias") == null ? testName : String.valueOf(config.get("alias"));
        Relation relation = relationFor(run, name, audit, "test", fqn, file);
        return run.relation(relation.getSchema(), org.sqlwarehouse.environment.ShortNames.fit(relation.getIdentifier(),
                org.sqlwarehouse.environment.DevSchemaNaming.MAX_IDENTIFIER_BYTES), "table");
    }

    private static Relation relationFor(Run run, String name, Map<String, Object> config, String resourceType,
            List<String> fqn, String file) {
        return run.naming.relationFor(name, config, resourceType, fqn, file);
    }

    /** PostgreSQL silently truncates long names, which would merge two relations into one. */
    private static void checkIdentifier(String file, Relation relation, List<String> problems) {
        for (String part : new String[] {relation.getSchema(), relation.getIdentifier()}) {
            if (part.getBytes(StandardCharsets.UTF_8).length > 63) {
                problems.add(file + ": the name '" + part + "' is longer than 63 bytes, which databases truncate");
            }
        }
    }

    /** dbt's {@code target} as templates see it; never the password. */
    static Map<String, Object> targetBinding(CompileSettings settings) {
        Map<String, Object> t = targetBinding(settings.target());
        if (t.get("database") == null) {
            // as dbt-duckdb: the catalog, named after the file
            t.put("database", settings.dialect().databaseName(settings.target().definition()));
        }
        return t;
    }

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
