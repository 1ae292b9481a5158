package org.sqlwarehouse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.sqlwarehouse.compile.CompileSettings;
import org.sqlwarehouse.compile.CompiledArtifacts;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.compile.ProjectCompiler;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.project.DbtProject;
import org.sqlwarehouse.project.ProjectLoader;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.report.NodeResult;
import org.sqlwarehouse.report.NodeStatus;
import org.sqlwarehouse.workflow.Warehouse;

/**
 * The benchmarks of BENCHMARKS.md. Run with {@code ./mvnw -B -Pbenchmark verify} or
 * {@code bash bench/run-benchmarks.sh}; prints a table and writes target/benchmarks.json.
 *
 * <pre>
 * Benchmarks [--only=compile,deploy,redeploy,change,memory] [--profile=missed|always|never]
 *            [--out=target/benchmarks.json] [--work=target/bench] [--runs=full|quick]
 * </pre>
 *
 * <ul>
 *   <li>compile: ProjectLoader.load + ProjectCompiler.compile of 1,000 and 10,000 models, in
 *       process, after warm-up;</li>
 *   <li>deploy: Warehouse.build of 500 models into a fresh PostgreSQL schema at threads 1, 2, 4,
 *       against {@code psql -X -q -f} running the same compiled statements serially in one session;</li>
 *   <li>redeploy: a second, unchanged Warehouse.build of 1,000 models (no-op by the state);</li>
 *   <li>change: one model of the 1,000 changed; what is rebuilt, and how long it takes;</li>
 *   <li>memory: peak heap and RSS of compiling 10,000 models, in a child JVM.</li>
 * </ul>
 * For each goal missed, the workload is run again under Java Flight Recorder and its hot spots are
 * printed (and kept in target/bench/profiles/*.jfr).
 */
public final class Benchmarks {
    static final String DEPLOY_SCHEMA = "wh_bench_deploy";
    static final String REDEPLOY_SCHEMA = "wh_bench_redeploy";
    static final double GOAL_COMPILE_SECONDS = 1.0;
    static final double GOAL_OVERHEAD_T1 = 1.10;
    static final double GOAL_REDEPLOY_SECONDS = 1.0;
    static final long GOAL_HEAP_BYTES = 512L * 1024 * 1024;

    private final Set<String> only;
    private final String profileMode;
    private final Path out;
    private final Path work;
    private final boolean quick;

    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final List<Map<String, Object>> goals = new ArrayList<>();
    private final List<Map<String, Object>> profiles = new ArrayList<>();
    private final Map<String, Object> projects = new LinkedHashMap<>();
    private final List<String> profileTexts = new ArrayList<>();

    private Benchmarks(Set<String> only, String profileMode, Path out, Path work, boolean quick) {
        this.only = only;
        this.profileMode = profileMode;
        this.out = out;
        this.work = work;
        this.quick = quick;
    }

    public static void main(String[] args) throws Exception {
        Set<String> only = new LinkedHashSet<>(List.of("compile", "deploy", "redeploy", "change", "memory"));
        String profile = "missed";
        Path out = Path.of("target/benchmarks.json");
        Path work = Path.of("target/bench");
        boolean quick = false;
        for (String arg : args) {
            if (arg == null || arg.isBlank()) {
                continue;
            }
            if (arg.startsWith("--only=")) {
                String v = arg.substring("--only=".length()).strip();
                if (!v.isEmpty() && !v.equals("all")) {
                    only = new LinkedHashSet<>(Arrays.asList(v.split("\\s*,\\s*")));
                }
            } else if (arg.startsWith("--profile=")) {
                profile = arg.substring("--profile=".length()).strip();
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring("--out=".length()));
            } else if (arg.startsWith("--work=")) {
                work = Path.of(arg.substring("--work=".length()));
            } else if (arg.startsWith("--runs=")) {
                quick = arg.substring("--runs=".length()).strip().equals("quick");
            } else {
                throw new IllegalArgumentException("unknown argument " + arg + "; see the javadoc of " + Benchmarks.class);
            }
        }
        Set<String> known = Set.of("compile", "deploy", "redeploy", "change", "memory");
        if (!known.containsAll(only)) {
            throw new IllegalArgumentException("--only takes some of " + known + ", got " + only);
        }
        if (!Set.of("missed", "always", "never").contains(profile)) {
            throw new IllegalArgumentException("--profile takes missed, always or never, got " + profile);
        }
        new Benchmarks(only, profile, out.toAbsolutePath(), work.toAbsolutePath(), quick).run();
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        Map<String, Object> machine = Machine.describe();
        System.out.println("== warehouse-maven-plugin benchmarks ==");
        machine.forEach((k, v) -> System.out.println("  " + k + ": " + v));
        System.out.println("  benchmarks: " + only + (quick ? " (quick)" : "") + ", profiles: " + profileMode);
        Files.createDirectories(work);
        if (!profileMode.equals("never")) {
            Profiler.initialize();
        }

        if (only.contains("compile")) {
            compileBenchmarks();
        }
        if (only.contains("deploy")) {
            deployBenchmark();
        }
        if (only.contains("redeploy") || only.contains("change")) {
            redeployAndChangeBenchmarks();
        }
        if (only.contains("memory")) {
            memoryBenchmark();
        }
        cleanUp();

        System.out.println();
        System.out.println(table());
        System.out.println(goalTable());
        if (!profileTexts.isEmpty()) {
            System.out.println("== Profiles ==");
            profileTexts.forEach(System.out::println);
        }

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("generated_at", Instant.now().toString());
        json.put("total_seconds", BenchSupport.seconds(started));
        json.put("machine", machine);
        json.put("projects", projects);
        json.put("results", rows);
        json.put("goals", goals);
        json.put("profiles", profiles);
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
        System.out.printf(Locale.ROOT, "Wrote %s; %d benchmarks in %.0f s%n", out, rows.size(),
                BenchSupport.seconds(started));
    }

    private boolean profileWanted(boolean met) {
        return profileMode.equals("always") || (profileMode.equals("missed") && !met);
    }

    // ---------------------------------------------------------------- (a) compile

    private Path project(String name, int models, long seed) throws IOException {
        Path dir = work.resolve("projects").resolve(name);
        BenchSupport.deleteTree(dir);
        long t0 = System.nanoTime();
        SyntheticProject p = SyntheticProject.write(dir, models, seed);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("models", models);
        info.put("seed", seed);
        info.put("seeds", SyntheticProject.SEEDS.length);
        info.put("source_tables", 1);
        info.put("jinja_heavy_models", p.jinjaModels());
        info.put("models_calling_macros", p.macroModels());
        info.put("depth", p.depth());
        info.put("max_fan_out", p.maxFanOut());
        info.put("edges", p.models().stream().mapToInt(m -> m.refs().size()).sum());
        info.put("generate_seconds", BenchSupport.seconds(t0));
        projects.put(name, info);
        System.out.printf(Locale.ROOT, "Generated %s: %d models, depth %d, max fan-out %d, %d Jinja-heavy (%.0f%%)%n",
                name, models, p.depth(), p.maxFanOut(), p.jinjaModels(), 100.0 * p.jinjaModels() / models);
        return dir;
    }

    /**
     * @param cpu       CPU time of the whole JVM process over the compile: every render thread, and
     *                  GC and JIT threads too (the compile renders on several threads)
     * @param callerCpu CPU time of the calling thread alone: loading, its share of the renders, the graph
     */
    private record CompileTimes(BenchSupport.Stats total, BenchSupport.Stats load, BenchSupport.Stats render,
            BenchSupport.Stats cpu, BenchSupport.Stats callerCpu, int nodes, int edges) {
    }

    private CompileTimes timeCompile(Path dir, int warmups, int runs) throws Exception {
        Warehouse.Selection selection = new Warehouse(BenchSupport.request(dir, work.resolve("out/compile"),
                "wh_bench_compile", 4, BuildLog.SILENT)).select();
        CompileSettings settings = new CompileSettings(selection.target(), selection.dialect(), Map.of(), Map.of(),
                BuildLog.SILENT);
        List<Double> total = new ArrayList<>();
        List<Double> load = new ArrayList<>();
        List<Double> render = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Double> callerCpu = new ArrayList<>();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean process = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        CompiledProject last = null;
        for (int i = 0; i < warmups + runs; i++) {
            long p0 = process.getProcessCpuTime();
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            DbtProject project = ProjectLoader.load(dir, SyntheticProject.PROJECT_NAME);
            long t1 = System.nanoTime();
            last = new ProjectCompiler().compile(project, settings);
            long t2 = System.nanoTime();
            long c2 = threads.getCurrentThreadCpuTime();
            long p2 = process.getProcessCpuTime();
            if (i >= warmups) {
                cpu.add((p2 - p0) / 1e9);
                callerCpu.add((c2 - c0) / 1e9);
                total.add((t2 - t0) / 1e9);
                load.add((t1 - t0) / 1e9);
                render.add((t2 - t1) / 1e9);
            }
        }
        return new CompileTimes(BenchSupport.Stats.of(total), BenchSupport.Stats.of(load), BenchSupport.Stats.of(render),
                BenchSupport.Stats.of(cpu), BenchSupport.Stats.of(callerCpu), last.nodes().size(),
                last.dag().edgeCount());
    }

    private void compileBenchmarks() throws Exception {
        System.out.println("\n-- (a) compile: load + render + graph, in process, after warm-up --");
        Path p1k = project("compile-1000", 1000, 1);
        Path p10k = project("compile-10000", 10000, 1);
        CompileTimes c1k = timeCompile(p1k, quick ? 2 : 5, quick ? 3 : 11);
        addRow("compile_1000", "compile 1,000 models (load+render+graph)", c1k.total(),
                compileExtra(c1k));
        CompileTimes c10k = timeCompile(p10k, quick ? 1 : 2, quick ? 2 : 9);
        addRow("compile_10000", "compile 10,000 models (load+render+graph)", c10k.total(), compileExtra(c10k));

        // the whole compile goal as Maven runs it: select target, load, render, write compiled/ and manifest.json
        List<Double> full = new ArrayList<>();
        Path fullOut = work.resolve("out/compile-10000-full");
        for (int i = 0; i < (quick ? 1 : 3); i++) {
            long t0 = System.nanoTime();
            new Warehouse(BenchSupport.request(p10k, fullOut, "wh_bench_compile", 4, BuildLog.SILENT)).compile();
            full.add(BenchSupport.seconds(t0));
        }
        addRow("compile_10000_with_artifacts", "warehouse:compile core, 10,000 models (+ write compiled/, manifest.json)",
                BenchSupport.Stats.of(full), Map.of());

        boolean met = c10k.total().median() <= GOAL_COMPILE_SECONDS;
        goal("compile_10000", "compile of 10,000 models <= 1 s (in process)", String.format(Locale.ROOT,
                "%.2f s median (min %.2f s; process CPU %.2f s median)", c10k.total().median(), c10k.total().min(),
                c10k.cpu().median()), met);
        if (profileWanted(met)) {
            // JFR samples this machine at 25-100 per second: repeat for 8 s to have enough of them
            profile("compile-10000", false, () -> repeat(3, 8, () -> BenchSupport.compile(p10k,
                    work.resolve("out/compile"))), "compile_10000");
        }
    }

    private static Map<String, Object> compileExtra(CompileTimes c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("load_median_s", c.load().median());
        m.put("render_and_graph_median_s", c.render().median());
        m.put("process_cpu_median_s", c.cpu().median());
        m.put("process_cpu_min_s", c.cpu().min());
        m.put("calling_thread_cpu_median_s", c.callerCpu().median());
        m.put("nodes", c.nodes());
        m.put("edges", c.edges());
        m.put("note", String.format(Locale.ROOT,
                "load %.3f s + render/graph %.3f s; process CPU %.3f s (all threads, GC and JIT too), calling thread"
                        + " %.3f s, medians", c.load().median(), c.render().median(), c.cpu().median(),
                c.callerCpu().median()));
        return m;
    }

    // ---------------------------------------------------------------- (b) deploy overhead

    private void deployBenchmark() throws Exception {
        System.out.println("\n-- (b) deploy overhead: 500 models into a fresh PostgreSQL schema vs psql --");
        Path dir = project("deploy-500", 500, 2);
        BenchSupport.createSourceTable();
        CompiledProject compiled = BenchSupport.compile(dir, work.resolve("out/floor"), DEPLOY_SCHEMA);
        Dialect dialect = new Warehouse(BenchSupport.request(dir, work.resolve("out/floor"), DEPLOY_SCHEMA, 1,
                BuildLog.SILENT)).select().dialect();
        Path floorSql = work.resolve("floor-500.sql");
        int statements = writeFloor(dir, compiled, dialect, floorSql);
        System.out.println("psql floor: " + floorSql + " (" + statements + " statements, one session, serial)");

        int rounds = quick ? 1 : 5;
        List<String> variants = List.of("floor", "t1", "t2", "t4");
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        Map<String, List<Double>> commits = new LinkedHashMap<>();
        Map<String, List<Double>> walSyncs = new LinkedHashMap<>();
        for (String v : variants) {
            samples.put(v, new ArrayList<>());
            commits.put(v, new ArrayList<>());
            walSyncs.put(v, new ArrayList<>());
        }
        List<Double> compileOnly = new ArrayList<>();
        // warm-up: JIT, the server's caches, the catalog
        runDeployVariant("floor", dir, floorSql, null);
        runDeployVariant("t4", dir, floorSql, null);
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            BenchSupport.compile(dir, work.resolve("out/floor"), DEPLOY_SCHEMA);
            compileOnly.add(BenchSupport.seconds(t0));
        }
        List<Map<String, Object>> perRound = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            Map<String, Object> round = new LinkedHashMap<>();
            double floorSeconds = 0;
            for (String v : variants) {
                DeployRun run = runDeployVariant(v, dir, floorSql, null);
                samples.get(v).add(run.seconds());
                commits.get(v).add((double) run.counters().commits());
                walSyncs.get(v).add((double) run.counters().walSyncs());
                if (v.equals("floor")) {
                    floorSeconds = run.seconds();
                }
                round.put(v + "_s", round3(run.seconds()));
                if (!v.equals("floor")) {
                    round.put(v + "_ratio", round3(run.seconds() / floorSeconds));
                }
            }
            perRound.add(round);
            System.out.printf(Locale.ROOT, "  round %d: %s%n", r + 1, round);
        }
        BenchSupport.Stats floor = BenchSupport.Stats.of(samples.get("floor"));
        BenchSupport.Stats compile = BenchSupport.Stats.of(compileOnly);
        Map<String, Object> floorExtra = new LinkedHashMap<>();
        floorExtra.put("statements", statements);
        floorExtra.put("server_commits_median", BenchSupport.Stats.of(commits.get("floor")).median());
        floorExtra.put("wal_syncs_median", BenchSupport.Stats.of(walSyncs.get("floor")).median());
        floorExtra.put("per_round", perRound);
        floorExtra.put("note", String.format(Locale.ROOT, "%d statements; server: %.0f commits, %.0f WAL flushes",
                statements, BenchSupport.Stats.of(commits.get("floor")).median(),
                BenchSupport.Stats.of(walSyncs.get("floor")).median()));
        addRow("deploy_500_psql_floor", "psql floor: 500 models' statements, serial, one session", floor, floorExtra);
        Map<Integer, Double> ratios = new LinkedHashMap<>();
        for (int t : new int[] {1, 2, 4}) {
            BenchSupport.Stats s = BenchSupport.Stats.of(samples.get("t" + t));
            double ratio = s.median() / floor.median();
            ratios.put(t, ratio);
            List<Double> paired = new ArrayList<>();
            for (Map<String, Object> round : perRound) {
                paired.add((Double) round.get("t" + t + "_ratio"));
            }
            double pairedMedian = BenchSupport.Stats.of(paired).median();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("ratio_to_floor", ratio);
            extra.put("median_of_per_round_ratios", pairedMedian);
            extra.put("ratio_without_compile", (s.median() - compile.median()) / floor.median());
            extra.put("server_commits_median", BenchSupport.Stats.of(commits.get("t" + t)).median());
            extra.put("wal_syncs_median", BenchSupport.Stats.of(walSyncs.get("t" + t)).median());
            extra.put("note", String.format(Locale.ROOT, "**%.2fx floor** (per-round ratios: median %.2fx; %.2fx "
                    + "without the %.2f s compile); server: %.0f commits, %.0f WAL flushes", ratio, pairedMedian,
                    (s.median() - compile.median()) / floor.median(), compile.median(), BenchSupport.Stats.of(commits.get("t" + t)).median(),
                    BenchSupport.Stats.of(walSyncs.get("t" + t)).median()));
            addRow("deploy_500_threads_" + t, "plugin build, 500 models, fresh schema, threads " + t, s, extra);
        }
        addRow("compile_500", "of which compile (load+render+graph) of the 500 models", compile, Map.of());

        boolean t1 = ratios.get(1) <= GOAL_OVERHEAD_T1;
        boolean t2 = ratios.get(2) < 1.0;
        boolean t4 = ratios.get(4) < 1.0;
        goal("deploy_overhead_t1", "deploy overhead <= 10% over the psql floor at threads 1",
                String.format(Locale.ROOT, "%.2fx floor (+%.0f%%)", ratios.get(1), (ratios.get(1) - 1) * 100), t1);
        goal("deploy_overhead_t2", "deploy below the psql floor at threads 2",
                String.format(Locale.ROOT, "%.2fx floor", ratios.get(2)), t2);
        goal("deploy_overhead_t4", "deploy below the psql floor at threads 4",
                String.format(Locale.ROOT, "%.2fx floor", ratios.get(4)), t4);
        if (profileWanted(t1 && t2 && t4)) {
            // what bounds it: the same runs with the server's commit flush taken out
            String off = "-c synchronous_commit=off";
            Map<String, List<Double>> async = new LinkedHashMap<>();
            for (String v : List.of("floor", "t1", "t4")) {
                async.put(v, new ArrayList<>());
            }
            for (int r = 0; r < (quick ? 1 : 3); r++) {
                for (String v : async.keySet()) {
                    async.get(v).add(runDeployVariant(v, dir, floorSql, off).seconds());
                }
            }
            BenchSupport.Stats asyncFloor = BenchSupport.Stats.of(async.get("floor"));
            addRow("deploy_500_psql_floor_async", "diagnosis: psql floor with synchronous_commit=off", asyncFloor,
                    Map.of("note", String.format(Locale.ROOT, "%.2fx the floor with synchronous_commit=on (below "
                            + "1: commit flushes are part of the floor)", asyncFloor.median() / floor.median())));
            for (String v : List.of("t1", "t4")) {
                BenchSupport.Stats s = BenchSupport.Stats.of(async.get(v));
                addRow("deploy_500_" + v.replace("t", "threads_") + "_async", "diagnosis: plugin threads "
                        + v.substring(1) + " with synchronous_commit=off", s, Map.of("note", String.format(Locale.ROOT,
                                "%.2fx the async floor", s.median() / asyncFloor.median())));
            }
        }
        if (profileWanted(t1)) {
            BenchSupport.dropSchema(DEPLOY_SCHEMA);
            profile("deploy-500-threads-1", false, () -> runPlugin(dir, 1, null), "deploy_overhead_t1");
        }
        if (profileWanted(t2 && t4)) {
            BenchSupport.dropSchema(DEPLOY_SCHEMA);
            profile("deploy-500-threads-4", false, () -> runPlugin(dir, 4, null), "deploy_overhead_t4");
            for (Map<String, Object> g : goals) {
                if (g.get("id").equals("deploy_overhead_t2")) {
                    g.put("profile", "deploy-500-threads-4");
                }
            }
        }
        BenchSupport.dropSchema(DEPLOY_SCHEMA);
    }

    private record DeployRun(double seconds, BenchSupport.ServerCounters counters) {
    }

    /**
     * One timed run into a fresh schema: "floor" is psql -f, "tN" the plugin at threads N. With
     * {@code pgOptions} (e.g. -c synchronous_commit=off) the sessions run with those settings.
     */
    private DeployRun runDeployVariant(String variant, Path dir, Path floorSql, String pgOptions) throws Exception {
        BenchSupport.dropSchema(DEPLOY_SCHEMA);
        BenchSupport.ServerCounters before = BenchSupport.ServerCounters.settled();
        double seconds = variant.equals("floor") ? BenchSupport.psql(floorSql, pgOptions)
                : runPlugin(dir, Integer.parseInt(variant.substring(1)), pgOptions);
        return new DeployRun(seconds, BenchSupport.ServerCounters.settled().since(before));
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private int writeFloor(Path dir, CompiledProject compiled, Dialect dialect, Path file) throws IOException {
        SyntheticProject plan = SyntheticProject.plan(500, 2);
        StringBuilder b = new StringBuilder();
        b.append("create schema ").append(dialect.quote(DEPLOY_SCHEMA)).append(";\n");
        b.append(plan.seedsPsql(dir, DEPLOY_SCHEMA));
        int statements = 1 + 2 * SyntheticProject.SEEDS.length;
        for (String id : compiled.dag().topologicalOrder()) {
            CompiledNode node = compiled.nodes().get(id);
            if (node.isTest() || node.isEphemeral() || node.compiledSql() == null) {
                continue;
            }
            String schema = node.relation().getSchema();
            String name = node.relation().getIdentifier();
            b.append("view".equals(node.materialized()) ? dialect.createViewSql(schema, name, node.compiledSql())
                    : dialect.createTableAsSql(schema, name, node.compiledSql())).append(";\n");
            statements++;
        }
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
        return statements;
    }

    /** Warehouse.build at the given threads (into the schema as it is); returns seconds. */
    private double runPlugin(Path dir, int threads, String pgOptions) throws Exception {
        BenchSupport.CountingLog log = new BenchSupport.CountingLog();
        Map<String, String> properties = pgOptions == null ? Map.of() : Map.of("options", pgOptions);
        long t0 = System.nanoTime();
        List<NodeResult> results = new Warehouse(BenchSupport.request(dir, work.resolve("out/deploy-t" + threads),
                DEPLOY_SCHEMA, threads, properties, log)).build();
        double s = BenchSupport.seconds(t0);
        long ok = results.stream().filter(r -> r.status() == NodeStatus.SUCCESS).count();
        if (ok != results.size() || results.size() != 503) {
            throw new IllegalStateException("the plugin build was not a full build of 503 nodes: " + ok + " of "
                    + results.size() + " OK; " + log.errors);
        }
        return s;
    }

    // ---------------------------------------------------------------- (c) and (d)

    private List<NodeResult> build(Path dir, String outName, BenchSupport.CountingLog log) throws Exception {
        List<NodeResult> results = new Warehouse(BenchSupport.request(dir, work.resolve("out/" + outName),
                REDEPLOY_SCHEMA, 4, log)).build();
        if (results.stream().anyMatch(r -> r.status().isFailure())) {
            throw new IllegalStateException("build failed: " + log.errors);
        }
        return results;
    }

    private static long count(List<NodeResult> results, NodeStatus status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    private void redeployAndChangeBenchmarks() throws Exception {
        System.out.println("\n-- (c) unchanged redeploy and (d) one changed model, 1,000 models on PostgreSQL --");
        Path dir = project("deploy-1000", 1000, 3);
        SyntheticProject plan = SyntheticProject.plan(1000, 3);
        BenchSupport.createSourceTable();
        BenchSupport.dropSchema(REDEPLOY_SCHEMA);
        long t0 = System.nanoTime();
        List<NodeResult> first = build(dir, "redeploy", new BenchSupport.CountingLog());
        double firstSeconds = BenchSupport.seconds(t0);
        addRow("build_1000_fresh", "first build of 1,000 models, fresh schema, threads 4 (1 run)",
                BenchSupport.Stats.of(List.of(firstSeconds)), Map.of("nodes", first.size()));

        if (only.contains("redeploy")) {
            build(dir, "redeploy", new BenchSupport.CountingLog()); // warm-up
            List<Double> samples = new ArrayList<>();
            Set<Long> rebuilt = new TreeSet<>();
            for (int i = 0; i < (quick ? 2 : 7); i++) {
                t0 = System.nanoTime();
                List<NodeResult> results = build(dir, "redeploy", new BenchSupport.CountingLog());
                samples.add(BenchSupport.seconds(t0));
                rebuilt.add(count(results, NodeStatus.SUCCESS));
            }
            BenchSupport.Stats s = BenchSupport.Stats.of(samples);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("rebuilt_per_run", rebuilt);
            extra.put("note", "relations rebuilt per run: " + rebuilt);
            addRow("redeploy_1000_unchanged", "unchanged rebuild of 1,000 models (no-op by the state)", s, extra);
            boolean met = s.median() <= GOAL_REDEPLOY_SECONDS;
            goal("redeploy_1000_unchanged", "unchanged redeploy of 1,000 models <= 1 s beyond Maven start",
                    fmt(s.median()) + " s median, " + rebuilt + " rebuilt", met);
            if (profileWanted(met)) {
                profile("redeploy-1000-unchanged", false, () -> repeat(3, 8, () -> build(dir, "redeploy",
                        new BenchSupport.CountingLog())), "redeploy_1000_unchanged");
                artifactsDiagnosis(dir);
            }
        }

        if (only.contains("change")) {
            String changed = plan.changeCandidate().name();
            int expected = 1 + plan.downstream(changed).size();
            List<Double> samples = new ArrayList<>();
            Set<Long> rebuilt = new TreeSet<>();
            Set<Long> unchanged = new TreeSet<>();
            for (int rev = 1; rev <= (quick ? 2 : 5); rev++) {
                plan.touch(dir, changed, rev);
                t0 = System.nanoTime();
                List<NodeResult> results = build(dir, "redeploy", new BenchSupport.CountingLog());
                samples.add(BenchSupport.seconds(t0));
                rebuilt.add(count(results, NodeStatus.SUCCESS));
                unchanged.add(count(results, NodeStatus.UNCHANGED));
            }
            plan.touch(dir, changed, 0);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("changed_model", changed);
            extra.put("rebuilt", rebuilt);
            extra.put("expected_rebuilt", expected);
            extra.put("unchanged", unchanged);
            extra.put("note", "changed " + changed + ": rebuilt " + rebuilt + " (it + " + (expected - 1)
                    + " downstream = " + expected + "), unchanged " + unchanged);
            addRow("change_1_of_1000", "one changed model among 1,000: rebuild", BenchSupport.Stats.of(samples), extra);
        }
        BenchSupport.dropSchema(REDEPLOY_SCHEMA);
    }

    /**
     * What rewriting compiled/ costs on every build: CompiledArtifacts.write of the 1,000 compiled
     * models again (same content), against reading and comparing the same files.
     */
    private void artifactsDiagnosis(Path dir) throws Exception {
        Warehouse.Selection selection = new Warehouse(BenchSupport.request(dir, work.resolve("out/redeploy"),
                REDEPLOY_SCHEMA, 4, BuildLog.SILENT)).select();
        DbtProject project = ProjectLoader.load(dir, SyntheticProject.PROJECT_NAME);
        CompileSettings settings = new CompileSettings(selection.target(), selection.dialect(), Map.of(), Map.of(),
                BuildLog.SILENT);
        CompiledProject compiled = new ProjectCompiler().compile(project, settings);
        Path outDir = work.resolve("out/artifacts-diagnosis");
        BenchSupport.deleteTree(outDir);
        CompiledArtifacts artifacts = new CompiledArtifacts(outDir, dir);
        artifacts.write(compiled, project, settings);
        List<Double> overwrite = new ArrayList<>();
        List<Double> compare = new ArrayList<>();
        for (int i = 0; i < (quick ? 2 : 5); i++) {
            long t0 = System.nanoTime();
            artifacts.write(compiled, project, settings);
            overwrite.add(BenchSupport.seconds(t0));
            t0 = System.nanoTime();
            int same = 0;
            for (CompiledNode node : compiled.nodes().values()) {
                if (node.compiledSql() != null && Files.readString(artifacts.compiledPath(compiled.name(), node),
                        StandardCharsets.UTF_8).equals(node.compiledSql() + "\n")) {
                    same++;
                }
            }
            compare.add(BenchSupport.seconds(t0));
            if (same == 0) {
                throw new IllegalStateException("compiled files differ from the compiled SQL");
            }
        }
        addRow("artifacts_1000_rewrite", "diagnosis: CompiledArtifacts.write again, 1,000 models, same content",
                BenchSupport.Stats.of(overwrite), Map.of("note", "what every build spends rewriting compiled/ and "
                        + "manifest.json"));
        addRow("artifacts_1000_compare", "diagnosis: read and compare the same 1,000 compiled files instead",
                BenchSupport.Stats.of(compare), Map.of());
    }

    // ---------------------------------------------------------------- (e) memory

    private void memoryBenchmark() throws Exception {
        System.out.println("\n-- (e) peak heap and RSS compiling 10,000 models, child JVM --");
        Path dir = work.resolve("projects/compile-10000");
        if (!Files.isDirectory(dir)) {
            dir = project("compile-10000", 10000, 1);
        }
        List<Double> peak = new ArrayList<>();
        List<Double> poolPeaks = new ArrayList<>();
        List<Double> live = new ArrayList<>();
        List<Double> hwm = new ArrayList<>();
        JsonNode last = null;
        for (int i = 0; i < (quick ? 1 : 3); i++) {
            JsonNode r = probe(dir, List.of());
            if (r == null) {
                throw new IllegalStateException("the memory probe failed with default heap settings");
            }
            peak.add(r.get("peakHeapUsedBytes").asDouble() / 1048576);
            poolPeaks.add(r.get("sumOfHeapPoolPeaksBytes").asDouble() / 1048576);
            live.add(r.get("liveHeapAfterFullGcBytes").asDouble() / 1048576);
            hwm.add(r.get("vmHwmBytes").asDouble() / 1048576);
            last = r;
        }
        JsonNode capped = probe(dir, List.of("-Xmx512m"));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("unit", "MiB");
        extra.put("max_heap_default_mib", last.get("maxHeapBytes").asLong() / 1048576);
        extra.put("gc", last.get("gc").toString());
        extra.put("gc_count", last.get("gcCount").asLong());
        extra.put("histogram_live_top", last.get("histogram"));
        addRow("memory_10000_peak_heap", "peak heap used, compile 10,000 models, default heap (MiB)",
                BenchSupport.Stats.of(peak), extra, "MiB");
        addRow("memory_10000_pool_peaks", "sum of heap pools' peaks (upper bound) (MiB)", BenchSupport.Stats.of(poolPeaks),
                Map.of(), "MiB");
        addRow("memory_10000_live", "live heap after compile, full GC, result held (MiB)", BenchSupport.Stats.of(live),
                Map.of(), "MiB");
        addRow("memory_10000_rss_hwm", "peak RSS (VmHWM) of the child JVM (MiB)", BenchSupport.Stats.of(hwm), Map.of(),
                "MiB");
        Map<String, Object> cappedExtra = new LinkedHashMap<>();
        if (capped != null) {
            cappedExtra.put("compile_seconds", capped.get("compileSeconds").asDouble());
            cappedExtra.put("gc_count", capped.get("gcCount").asLong());
            cappedExtra.put("gc_millis", capped.get("gcMillis").asLong());
            cappedExtra.put("note", String.format(Locale.ROOT, "completes; compile %.2f s, %d GCs, %d ms in GC",
                    capped.get("compileSeconds").asDouble(), capped.get("gcCount").asLong(),
                    capped.get("gcMillis").asLong()));
            addRow("memory_10000_xmx512m_peak_heap", "peak heap used with -Xmx512m (MiB)",
                    BenchSupport.Stats.of(List.of(capped.get("peakHeapUsedBytes").asDouble() / 1048576)), cappedExtra,
                    "MiB");
        } else {
            cappedExtra.put("note", "FAILED: does not compile within -Xmx512m");
            addRow("memory_10000_xmx512m_peak_heap", "compile with -Xmx512m", BenchSupport.Stats.of(List.of(Double.NaN)),
                    cappedExtra, "MiB");
        }
        double median = BenchSupport.Stats.of(peak).median();
        boolean met = median * 1048576 <= GOAL_HEAP_BYTES;
        goal("memory_10000_peak_heap", "peak heap for 10,000 models <= 512 MB",
                String.format(Locale.ROOT, "%.0f MiB peak used at default heap settings; %s with -Xmx512m; live %.0f MiB",
                        median, capped == null ? "fails" : "completes", BenchSupport.Stats.of(live).median()), met);
        if (profileWanted(met)) {
            Path p = dir;
            profile("memory-compile-10000-allocations", true, () -> BenchSupport.compile(p, work.resolve("out/compile")),
                    "memory_10000_peak_heap");
        }
    }

    /** Runs MemoryProbe in a child JVM; null if it failed (e.g. out of memory). */
    private JsonNode probe(Path dir, List<String> jvmOptions) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MemoryProbe.class.getName());
        command.add(dir.toString());
        command.add(work.resolve("out/memory").toString());
        command.add("--histogram");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return null;
        }
        for (String line : output.split("\\R")) {
            if (line.startsWith(MemoryProbe.PREFIX)) {
                JsonNode node = new ObjectMapper().readTree(line.substring(MemoryProbe.PREFIX.length()));
                System.out.printf(Locale.ROOT, "  probe %s: peak heap %.0f MiB, live %.0f MiB, VmHWM %.0f MiB, "
                        + "compile %.2f s%n", jvmOptions.isEmpty() ? "(default heap)" : jvmOptions,
                        node.get("peakHeapUsedBytes").asDouble() / 1048576,
                        node.get("liveHeapAfterFullGcBytes").asDouble() / 1048576,
                        node.get("vmHwmBytes").asDouble() / 1048576, node.get("compileSeconds").asDouble());
                return node;
            }
        }
        System.out.println("  probe " + jvmOptions + " failed (exit " + p.exitValue() + "): "
                + output.lines().filter(l -> !l.isBlank()).limit(5).toList());
        return null;
    }

    // ---------------------------------------------------------------- output

    private void addRow(String id, String description, BenchSupport.Stats stats, Map<String, Object> extra) {
        addRow(id, description, stats, extra, "s");
    }

    private void addRow(String id, String description, BenchSupport.Stats stats, Map<String, Object> extra,
            String unit) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("description", description);
        row.put("unit", unit);
        row.put("runs", stats.runs());
        row.put("median", stats.median());
        row.put("min", stats.min());
        row.put("max", stats.max());
        row.put("samples", stats.samples());
        row.putAll(extra);
        rows.add(row);
        System.out.printf(Locale.ROOT, "  %-36s %2d runs  median %s  min %s  max %s %s%s%n", id, stats.runs(),
                fmt(stats.median()), fmt(stats.min()), fmt(stats.max()), unit,
                extra.containsKey("note") ? "  (" + extra.get("note") + ")" : "");
    }

    private void goal(String id, String text, String measured, boolean met) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("id", id);
        g.put("goal", text);
        g.put("measured", measured);
        g.put("met", met);
        goals.add(g);
        System.out.println("  GOAL " + (met ? "MET   " : "MISSED") + " " + text + ": " + measured);
    }

    private void profile(String name, boolean allocations, Profiler.Work work, String goalId) throws Exception {
        System.out.println("  profiling " + name + " with JFR ...");
        Profiler.Profile p = Profiler.profile(name, this.work.resolve("profiles"), allocations, work);
        String text = p.describe();
        profileTexts.add(text);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("goal", goalId);
        m.put("file", p.file().toString());
        m.put("wall_seconds", p.wallSeconds());
        m.put("cpu_samples", p.cpuSamples());
        m.put("cpu_self", hots(p.selfFrames()));
        m.put("cpu_first_non_jdk_frame", hots(p.nonJdkFrames()));
        m.put("cpu_first_plugin_frame", hots(p.pluginFrames()));
        m.put("cpu_plugin_inclusive", hots(p.pluginInclusive()));
        m.put("cpu_library_inclusive", hots(p.libraryInclusive()));
        m.put("thread_samples", p.threadSamples());
        m.put("thread_by_plugin_frame", hots(p.threadByPluginFrame()));
        m.put("thread_inclusive_plugin", hots(p.threadInclusive()));
        m.put("gc_count", p.gcCount());
        m.put("gc_pause_seconds", p.gcPauseSeconds());
        m.put("socket_reads", p.socketReads());
        m.put("socket_read_seconds", p.socketReadSeconds());
        m.put("socket_read_by_plugin_frame", hots(p.socketReadByPluginFrame()));
        m.put("allocation_by_frame", hots(p.allocationByFrame()));
        m.put("allocation_by_plugin_frame", hots(p.allocationByPluginFrame()));
        profiles.add(m);
        for (Map<String, Object> g : goals) {
            if (g.get("id").equals(goalId)) {
                g.put("profile", name);
                if (!p.allocationByFrame().isEmpty()) {
                    g.put("top_allocation", hots(p.allocationByFrame().subList(0,
                            Math.min(5, p.allocationByFrame().size()))));
                }
                g.put("top_running_thread_frames", hots(p.threadByPluginFrame().subList(0,
                        Math.min(5, p.threadByPluginFrame().size()))));
                if (p.cpuSamples() >= 50) {
                    g.put("top_cpu_plugin_frames", hots(p.pluginFrames().subList(0,
                            Math.min(5, p.pluginFrames().size()))));
                }
                if (p.socketReads() > 0) {
                    g.put("top_server_wait_frames", hots(p.socketReadByPluginFrame().subList(0,
                            Math.min(5, p.socketReadByPluginFrame().size()))));
                }
            }
        }
        System.out.print(text);
    }

    /** Runs the work at least {@code times} times and for at least {@code seconds}. */
    private static void repeat(int times, double seconds, Profiler.Work work) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        for (int i = 0; i < times || System.nanoTime() < end; i++) {
            work.run();
        }
    }

    private static List<String> hots(List<Profiler.Hot> hots) {
        return hots.stream().map(Profiler.Hot::toString).map(String::strip).toList();
    }

    private String table() {
        StringBuilder b = new StringBuilder("== Results (seconds unless noted) ==\n");
        b.append("| benchmark | runs | median | min | max | notes |\n|---|---:|---:|---:|---:|---|\n");
        for (Map<String, Object> r : rows) {
            String unit = (String) r.get("unit");
            b.append("| ").append(r.get("description")).append(" | ").append(r.get("runs")).append(" | ")
                    .append(fmt((Double) r.get("median"))).append(unit.equals("s") ? " s" : "").append(" | ")
                    .append(fmt((Double) r.get("min"))).append(" | ").append(fmt((Double) r.get("max"))).append(" | ")
                    .append(r.getOrDefault("note", "")).append(" |\n");
        }
        return b.toString();
    }

    private String goalTable() {
        StringBuilder b = new StringBuilder("== Goals ==\n| goal | measured | met |\n|---|---|---|\n");
        for (Map<String, Object> g : goals) {
            b.append("| ").append(g.get("goal")).append(" | ").append(g.get("measured")).append(" | ")
                    .append(Boolean.TRUE.equals(g.get("met")) ? "yes" : "**no**").append(" |\n");
        }
        return b.toString();
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    /**
     * Drops the benchmark schemas, only after benchmarks that used PostgreSQL: a compile-only run
     * (which needs no server, and so no lock on it) must not drop the schemas of a deploy benchmark
     * running at the same time.
     */
    private void cleanUp() {
        if (!(only.contains("deploy") || only.contains("redeploy") || only.contains("change"))) {
            return;
        }
        try {
            BenchSupport.dropSchema(DEPLOY_SCHEMA);
            BenchSupport.dropSchema(REDEPLOY_SCHEMA);
            BenchSupport.dropSchema(SyntheticProject.SOURCE_SCHEMA);
        } catch (Exception e) {
            System.out.println("  (could not drop the benchmark schemas: " + e.getMessage() + ")");
        }
    }

    /** The machine the figures come from. */
    static final class Machine {
        static Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("nproc", Runtime.getRuntime().availableProcessors());
            m.put("memory", procLine("/proc/meminfo", "MemTotal"));
            m.put("cpu", procLine("/proc/cpuinfo", "model name"));
            m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                    + System.getProperty("os.arch"));
            m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
            m.put("jvm_max_heap_mib", Runtime.getRuntime().maxMemory() / 1048576);
            m.put("load_average_at_start", procLine("/proc/loadavg", null));
            m.put("psql", BenchSupport.command("psql", "--version"));
            try (Connection c = BenchSupport.pg()) {
                m.put("postgresql", BenchSupport.value(c, "select version()"));
                for (String setting : List.of("shared_buffers", "fsync", "synchronous_commit", "max_connections")) {
                    m.put("pg_" + setting, BenchSupport.value(c, "show " + setting));
                }
            } catch (Exception e) {
                m.put("postgresql", "not reachable: " + e.getMessage());
            }
            m.put("postgresql_at", BenchSupport.pgHost() + ":" + BenchSupport.pgPort() + "/" + BenchSupport.pgDatabase());
            return m;
        }

        private static String procLine(String file, String key) {
            try {
                for (String line : Files.readAllLines(Path.of(file))) {
                    if (key == null) {
                        return line.strip();
                    }
                    if (line.startsWith(key)) {
                        return line.substring(line.indexOf(':') + 1).strip();
                    }
                }
            } catch (IOException e) {
                return "(" + e.getMessage() + ")";
            }
            return "(unknown)";
        }
    }
}
