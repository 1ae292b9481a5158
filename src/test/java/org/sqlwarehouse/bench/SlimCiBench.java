package org.sqlwarehouse.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.report.NodeResult;
import org.sqlwarehouse.report.NodeStatus;
import org.sqlwarehouse.workflow.Warehouse;
import org.sqlwarehouse.workflow.WarehouseRequest;

/**
 * Slim CI on PostgreSQL (BENCHMARKS.md, "Slim CI"): a 1,000-model generated project is built into
 * "prod" once; then one model changes, and a pull request's build into a fresh schema of its own
 * ({@code -Dwarehouse.select=state:modified+ -Dwarehouse.defer=prod -Dwarehouse.state=prod}) is timed
 * against building that one model alone into a fresh schema ({@code -Dwarehouse.select=<model>
 * -Dwarehouse.defer=prod}), and against a full build of the pull request's schema. Each timed run
 * starts from a dropped schema; one warm-up, then the median of 5 (1 for the full build).
 * Run with the test classpath: {@code java -cp ... org.sqlwarehouse.bench.SlimCiBench <work dir>}.
 */
public final class SlimCiBench {
    private static final int MODELS = 1000;
    private static final int RUNS = 5;
    private static final String PROD_SCHEMA = "wh_bench_slim_prod";
    private static final String PR_USER = "pr_bench";
    private static final String PR_SCHEMA = "dbt_" + PR_USER;

    private final Path project;
    private final Path out;

    private SlimCiBench(Path work) {
        this.project = work.resolve("project");
        this.out = work.resolve("out");
    }

    public static void main(String[] args) throws Exception {
        new SlimCiBench(Path.of(args.length > 0 ? args[0] : "target/slim-bench")).run();
    }

    private void run() throws Exception {
        BenchSupport.deleteTree(project);
        SyntheticProject plan = SyntheticProject.write(project, MODELS, 3);
        BenchSupport.createSourceTable();
        BenchSupport.dropSchema(PROD_SCHEMA);
        BenchSupport.dropSchema(PR_SCHEMA);
        long t0 = System.nanoTime();
        List<NodeResult> prod = build(request("prod", null, null, null, null));
        System.out.printf(Locale.ROOT, "prod: %d nodes built in %.2f s%n", prod.size(), BenchSupport.seconds(t0));

        String changed = plan.changeCandidate().name();
        int downstream = plan.downstream(changed).size();
        plan.touch(project, changed, 1);
        WarehouseRequest slim = request("ci", PR_USER, "state:modified+", "prod", "prod");
        WarehouseRequest one = request("ci", PR_USER, changed, "prod", null);
        WarehouseRequest full = request("ci", PR_USER, null, null, null);

        int built = timed(slim, 1).get(0).intValue(); // warm-up: its count of nodes built
        List<Double> slimSeconds = timed(slim, RUNS).subList(1, RUNS + 1);
        List<Double> oneSeconds = timed(one, RUNS).subList(1, RUNS + 1);
        List<Double> fullSeconds = timed(full, 1).subList(1, 2);
        BenchSupport.dropSchema(PR_SCHEMA);
        BenchSupport.dropSchema(PROD_SCHEMA);

        BenchSupport.Stats s = BenchSupport.Stats.of(slimSeconds);
        BenchSupport.Stats o = BenchSupport.Stats.of(oneSeconds);
        BenchSupport.Stats f = BenchSupport.Stats.of(fullSeconds);
        System.out.printf(Locale.ROOT, "changed model %s (%d downstream); the pull request built %d nodes%n", changed,
                downstream, built);
        System.out.printf(Locale.ROOT, "slim CI build (state:modified+, defer):   median %.3f s  min %.3f  max %.3f%n",
                s.median(), s.min(), s.max());
        System.out.printf(Locale.ROOT, "the one model alone (select, defer):       median %.3f s  min %.3f  max %.3f%n",
                o.median(), o.min(), o.max());
        System.out.printf(Locale.ROOT, "full build of the pull request's schema:   %.3f s%n", f.median());
        System.out.printf(Locale.ROOT, "ratio slim / one model: %.2f; full / slim: %.1f%n", s.median() / o.median(),
                f.median() / s.median());
    }

    /**
     * Runs the request's build {@code runs} times, each into a dropped pull-request schema.
     *
     * @return the number of nodes the first run built, then each run's seconds
     */
    private List<Double> timed(WarehouseRequest request, int runs) throws Exception {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            BenchSupport.dropSchema(PR_SCHEMA);
            long t0 = System.nanoTime();
            List<NodeResult> results = build(request);
            double seconds = BenchSupport.seconds(t0);
            if (out.isEmpty()) {
                out.add((double) results.stream().filter(r -> r.status() == NodeStatus.SUCCESS).count());
            }
            out.add(seconds);
        }
        return out;
    }

    private static List<NodeResult> build(WarehouseRequest request) throws Exception {
        List<NodeResult> results = new Warehouse(request).build();
        if (results.stream().anyMatch(r -> r.status().isFailure())) {
            throw new IllegalStateException("the build failed: " + results.stream().filter(r -> r.status().isFailure())
                    .map(NodeResult::message).toList());
        }
        return results;
    }

    private WarehouseRequest request(String target, String user, String select, String defer, String state) {
        TargetDefinition prod = TargetDefinition.builder("prod").type("postgres").host(BenchSupport.pgHost())
                .port(BenchSupport.pgPort()).database(BenchSupport.pgDatabase()).user(BenchSupport.pgUser())
                .schema(PROD_SCHEMA).threads(4).protectedFlag(false).origin("benchmark").build();
        // no schema: the pull request builds into dbt_<user>
        TargetDefinition ci = TargetDefinition.builder("ci").type("postgres").host(BenchSupport.pgHost())
                .port(BenchSupport.pgPort()).database(BenchSupport.pgDatabase()).user(BenchSupport.pgUser())
                .threads(4).protectedFlag(false).origin("benchmark").build();
        return WarehouseRequest.builder().projectDirectory(project).fallbackName(SyntheticProject.PROJECT_NAME)
                .outputDirectory(out.resolve(target)).declaredTargets(List.of(prod, ci)).explicitTarget(target)
                .explicitUser(user == null ? "bench" : user).systemUserName("bench").select(select).defer(defer)
                .state(state).userHome(out.resolve("no-home")).skipTests(true).projectVersion("0.0.0-bench")
                .log(org.sqlwarehouse.report.BuildLog.SILENT).build();
    }
}
