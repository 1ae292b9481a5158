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
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.graph.CycleException;
import org.sqlwarehouse.graph.Dag;
import org.sqlwarehouse.project.ConfigTree;
import org.sqlwarehouse.project.DbtProject;
import org.sqlwarehouse.project.GenericTestSpec;
import org.sqlwarehouse.project.ModelSource;
import org.sqlwarehouse.project.IncrementalStrategy;
import org.sqlwarehouse.project.Materialization;
import org.sqlwarehouse.project.NodeProperties;
import org.sqlwarehouse.project.ResourceType;
import org.sqlwarehouse.project.SeedSource;
import org.sqlwarehouse.project.SnapshotSource;
import org.sqlwarehouse.project.SourceTable;
import org.sqlwarehouse.project.SqlFile;
import org.sqlwarehouse.project.UnbuiltNode;
import org.sqlwarehouse.report.BuildLog;
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
        NodePackages packages = NodePackages.of(project, settings.cliVars());
        Map<String, Object> targetBinding = TargetBinding.of(settings);
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
        globals.put("model", new BatchContext.Model());
        globals.put("flags", new TemplateObjects.Flags(settings.fullRefresh()));
        globals.put("should_full_refresh", TemplateFunctions.shouldFullRefresh(settings.fullRefresh()));
        MacroSources macroFiles = MacroSources.of(project, packages);
        CompileRun run = new CompileRun(project, settings, new TemplateRenderer(macroFiles, globals, settings.log()),
                packages, database);
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

        for (SnapshotSource snapshot : project.snapshots()) {
            preliminary.put(snapshot.name(), SnapshotNodes.relation(run, snapshot, snapshot.config()));
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

        Map<String, CompileRenders.Rendered> snapshotRenders = new HashMap<>();
        for (SnapshotSource snapshot : project.snapshots()) {
            CompileRenders.Rendered rendered = SnapshotNodes.render(run, snapshot, preliminary::get,
                    preliminary.get(snapshot.name()));
            snapshotRenders.put(snapshot.name(), rendered);
            configs.put(snapshot.name(), SnapshotNodes.config(snapshot, rendered.state()));
        }

        // Final relations, from every config.
        Map<String, Relation> relations = new HashMap<>();
        Map<String, String> uniqueIds = new HashMap<>();
        Map<String, String> materializations = new HashMap<>();
        Set<String> disabled = new LinkedHashSet<>();
        for (SeedSource seed : project.seeds()) {
            if (RenderFacts.isDisabled(seed.config())) {
                disabled.add(seed.name());
                continue;
            }
            relations.put(seed.name(), preliminary.get(seed.name()));
            uniqueIds.put(seed.name(), nodeId(run, ResourceType.SEED, seed.relativePath(), seed.name()));
            materializations.put(seed.name(), "seed");
        }
        for (ModelSource model : project.models()) {
            Map<String, Object> config = configs.get(model.name());
            if (RenderFacts.isDisabled(config)) {
                disabled.add(model.name());
                continue;
            }
            String materialized = String.valueOf(config.getOrDefault("materialized", "view")).toLowerCase(Locale.ROOT);
            materializations.put(model.name(), materialized);
            Relation relation = "ephemeral".equals(materialized)
                    ? new Relation("", Ephemerals.PREFIX + model.name(), Ephemerals.PREFIX + model.name())
                    : relationFor(run, model.name(), config, "model", model.fqn(), model.relativePath());
            relations.put(model.name(), relation);
            uniqueIds.put(model.name(), nodeId(run, ResourceType.MODEL, model.relativePath(), model.name()));
        }

        for (SnapshotSource snapshot : project.snapshots()) {
            Map<String, Object> config = configs.get(snapshot.name());
            if (RenderFacts.isDisabled(config)) {
                disabled.add(snapshot.name());
                continue;
            }
            relations.put(snapshot.name(), SnapshotNodes.relation(run, snapshot, config));
            uniqueIds.put(snapshot.name(), nodeId(run, ResourceType.SNAPSHOT, snapshot.relativePath(), snapshot.name()));
            materializations.put(snapshot.name(), "snapshot");
        }

        Map<String, CompiledNode> nodes = new LinkedHashMap<>();
        Descriptions descriptions = new Descriptions(run, project.docs());
        for (SeedSource seed : project.seeds()) {
            if (disabled.contains(seed.name())) {
                continue;
            }
            checkIdentifier(seed.relativePath(), relations.get(seed.name()), run.problems);
            Relation seedRelation = relations.get(seed.name());
            CompiledNode.Builder seedNode = CompiledNode.builder(uniqueIds.get(seed.name()), ResourceType.SEED,
                    seed.name()).originalFilePath(seed.relativePath()).fqn(seed.fqn()).config(seed.config())
                    .materialization(Materialization.SEED).relation(seedRelation)
                    .properties(descriptions.of("seed", seed.name(), seed.relativePath()));
            NodeHooks.Hooks pre = NodeHooks.of(run, seed.config(), "pre-hook", seed.relativePath(), seedRelation);
            NodeHooks.Hooks post = NodeHooks.of(run, seed.config(), "post-hook", seed.relativePath(), seedRelation);
            String asks = CompileRenders.firstAsked(pre.needsDatabase(), post.needsDatabase());
            if (asks != null) {
                RenderAtRun atRun = new RenderAtRun(asks, run.renderer, new RenderAtRun.Templates(null, false,
                        Map.of("this", seedRelation), pre.templates(), post.templates(), Set.of()),
                        incremental -> run.state(seed.relativePath(), relations::get, false));
                seedNode.renderAtRun(atRun);
            }
            nodes.put(uniqueIds.get(seed.name()), seedNode.preHooks(pre.rendered()).postHooks(post.rendered())
                    .seed(seed).compiledPath(run.packages.inItsProject(seed.relativePath())).build());
        }
        UpstreamEventTimes eventTimes = MicrobatchNodes.upstream(project, configs, disabled);
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
            if (!RenderFacts.sameRelations(state, relations) || !self.equals(preliminary.get(model.name()))) {
                // Pass 2, only for models handed a relation that has moved since.
                CompileRenders.Rendered second = CompileRenders.render(run.renderer, model.sql(),
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
                CompileRenders.Rendered incremental = CompileRenders.render(run.renderer, model.sql(),
                        () -> run.state(model.relativePath(), relations::get, true), Map.of("this", self));
                incrementalSql = incremental.sql().strip();
                asksIncremental = incremental.state().needsDatabase;
                incrementalReads = RenderFacts.refNames(incremental.state());
                run.problems.addAll(incremental.state().problems);
            }
            List<String> dependsOn = RenderFacts.dependencies(run, model.relativePath(), state, uniqueIds, relations.keySet(),
                    disabled);
            ephemeralReads.put(model.name(), RenderFacts.refNames(state));
            if (!"ephemeral".equals(materialized)) {
                checkIdentifier(model.relativePath(), self, run.problems);
            }
            NodeHooks.Hooks pre = NodeHooks.of(run, config, "pre-hook", model.relativePath(), self);
            NodeHooks.Hooks post = NodeHooks.of(run, config, "post-hook", model.relativePath(), self);
            String asks = CompileRenders.firstAsked(state.needsDatabase, asksIncremental, pre.needsDatabase(), post.needsDatabase());
            boolean microbatch = MicrobatchNodes.check(run, model.relativePath(), config);
            if (microbatch && asks == null) {
                asks = MicrobatchNodes.REASON;
            }
            RenderAtRun atRun = null;
            if (asks != null) {
                Set<String> reads = new java.util.HashSet<>(RenderFacts.refNames(state));
                reads.addAll(incrementalReads);
                atRun = new RenderAtRun(asks, run.renderer, new RenderAtRun.Templates(model.sql(),
                        incrementalSql != null, Map.of("this", self), pre.templates(), post.templates(), reads),
                        incremental -> run.state(model.relativePath(), relations::get, incremental));
                rendersAtRun.put(model.name(), atRun);
                if (microbatch) {
                    atRun.withUpstream(eventTimes);
                }
            }
            nodes.put(uniqueIds.get(model.name()), CompiledNode.builder(uniqueIds.get(model.name()), ResourceType.MODEL,
                    model.name()).originalFilePath(model.relativePath()).fqn(model.fqn()).config(config)
                    // an unsupported one is a compile problem above: the node never runs
                    .materialization(materialization.orElse(Materialization.VIEW)).relation(self)
                    .compiledSql(rendered.strip()).incrementalSql(incrementalSql).dependsOn(dependsOn)
                    .sources(RenderFacts.sourceKeys(state)).preHooks(pre.rendered()).postHooks(post.rendered())
                    .compiledPath(run.packages.inItsProject(model.relativePath())).renderAtRun(atRun)
                    .properties(descriptions.of("model", model.name(), model.relativePath())).build());
        }

        for (SnapshotSource snapshot : project.snapshots()) {
            if (disabled.contains(snapshot.name())) {
                continue;
            }
            Relation self = relations.get(snapshot.name());
            CompileRenders.Rendered rendered = snapshotRenders.get(snapshot.name());
            if (!RenderFacts.sameRelations(rendered.state(), relations) || !self.equals(preliminary.get(snapshot.name()))) {
                rendered = SnapshotNodes.render(run, snapshot, relations::get, self);
            }
            RenderState state = rendered.state();
            run.problems.addAll(state.problems);
            Map<String, Object> config = configs.get(snapshot.name());
            SnapshotNodes.check(run, snapshot, config);
            checkIdentifier(snapshot.relativePath(), self, run.problems);
            ephemeralReads.put(snapshot.name(), RenderFacts.refNames(state));
            NodeHooks.Hooks pre = NodeHooks.of(run, config, "pre-hook", snapshot.relativePath(), self);
            NodeHooks.Hooks post = NodeHooks.of(run, config, "post-hook", snapshot.relativePath(), self);
            String asks = CompileRenders.firstAsked(state.needsDatabase, pre.needsDatabase(), post.needsDatabase());
            RenderAtRun atRun = null;
            if (asks != null) {
                atRun = new RenderAtRun(asks, run.renderer, new RenderAtRun.Templates(snapshot.sql(), false,
                        Map.of("this", self), pre.templates(), post.templates(), Set.copyOf(RenderFacts.refNames(state))),
                        incremental -> run.state(snapshot.relativePath(), relations::get, false));
                rendersAtRun.put(snapshot.name(), atRun);
            }
            String file = snapshot.relativePath();
            nodes.put(uniqueIds.get(snapshot.name()), CompiledNode.builder(uniqueIds.get(snapshot.name()),
                    ResourceType.SNAPSHOT, snapshot.name()).originalFilePath(file).fqn(snapshot.fqn()).config(config)
                    .materialization(Materialization.SNAPSHOT).relation(self).compiledSql(rendered.sql().strip())
                    .dependsOn(RenderFacts.dependencies(run, file, state, uniqueIds, relations.keySet(), disabled))
                    .sources(RenderFacts.sourceKeys(state)).preHooks(pre.rendered()).postHooks(post.rendered())
                    // one file (a .sql of blocks, a .yml of entries) may hold several snapshots: each gets a
                    // compiled file of its own
                    .compiledPath(run.packages.inItsProject(file).replaceFirst("\\.(sql|yml|yaml)$", "") + "/"
                            + snapshot.name() + ".sql")
                    .renderAtRun(atRun).properties(descriptions.of("snapshot", snapshot.name(), file)).build());
        }

        for (SqlFile test : project.singularTests()) {
            CompileRenders.Rendered singular = CompileRenders.render(run.renderer, test.sql(),
                    () -> run.state(test.relativePath(), relations::get, false), Map.of());
            RenderState state = singular.state();
            String rendered = singular.sql();
            run.problems.addAll(state.problems);
            Map<String, Object> config = new LinkedHashMap<>();
            state.configCalls.forEach((k, v) -> ConfigTree.merge(config, k, v));
            if (RenderFacts.isDisabled(config)) {
                continue;
            }
            String testProject = run.projectOf(test.relativePath());
            String id = nodeId(run, ResourceType.TEST, test.relativePath(), test.name());
            ephemeralReads.put(id, RenderFacts.refNames(state));
            RenderAtRun atRun = null;
            if (state.needsDatabase != null) {
                atRun = new RenderAtRun(state.needsDatabase, run.renderer, new RenderAtRun.Templates(test.sql(), false,
                        Map.of(), List.of(), List.of(), Set.copyOf(RenderFacts.refNames(state))), incremental -> run.state(test.relativePath(), relations::get,
                                false));
                rendersAtRun.put(id, atRun);
            }
            nodes.put(id, CompiledNode.builder(id, ResourceType.TEST, test.name()).originalFilePath(test.relativePath())
                    .fqn(List.of(testProject, test.name())).config(config).materialization(Materialization.TEST)
                    .compiledSql(rendered.strip()).renderAtRun(atRun)
                    .storeFailuresIn(DataTests.auditRelation(run, test.name(), config, List.of(testProject, test.name()),
                            test.relativePath()))
                    .dependsOn(RenderFacts.dependencies(run, test.relativePath(), state, uniqueIds, relations.keySet(), disabled))
                    .sources(RenderFacts.sourceKeys(state)).compiledPath(run.packages.inItsProject(test.relativePath())).build());
        }
        for (GenericTestSpec spec : project.genericTests()) {
            CompiledNode test = DataTests.generic(run, spec, relations, uniqueIds, disabled, ephemeralReads, rendersAtRun);
            if (test != null) {
                nodes.put(test.uniqueId(), test);
            }
        }

        List<CompiledUnitTest> unitTests = UnitTests.compile(run, relations, uniqueIds, materializations, disabled);
        Map<String, NodeProperties> sourceProperties = new LinkedHashMap<>();
        for (SourceTable source : project.sources().values()) {
            NodeProperties described = descriptions.of("source", source.key(), source.file());
            if (described != NodeProperties.NONE) {
                sourceProperties.put(source.key(), described);
            }
        }
        List<String> onRunStart = NodeHooks.project(run, "on-run-start");
        List<String> onRunEnd = NodeHooks.project(run, "on-run-end");
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
        return new CompiledProject(projectName, injected, graph(injected), onRunStart, onRunEnd, sourceProperties,
                unitTests);
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
    private List<FirstRender> renderFirstPass(CompileRun run, Map<String, Relation> preliminary, MacroSources macroFiles,
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

    private static FirstRender renderFirst(CompileRun run, TemplateRenderer renderer, ModelSource model,
            Map<String, Relation> preliminary, BuildLog log) {
        // each render gets vars of its own: one template's changes reach no other, on any thread
        CompileRenders.Rendered first = CompileRenders.render(renderer, model.sql(),
                () -> run.state(model.relativePath(), preliminary::get, false, log),
                Map.of("this", preliminary.get(model.name())));
        return new FirstRender(first.sql(), first.state());
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

    /** dbt's unique id: the resource type, the project (root or package) the node's file is in, its name. */
    private static String nodeId(CompileRun run, ResourceType type, String file, String name) {
        return type.id() + "." + run.projectOf(file) + "." + name;
    }

    private static Relation relationFor(CompileRun run, String name, Map<String, Object> config, String resourceType,
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
}
