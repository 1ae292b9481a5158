package org.sqlwarehouse.bench;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.seed.CsvReader;
import org.sqlwarehouse.testing.TestDatabase;
import org.sqlwarehouse.workflow.Warehouse;
import org.sqlwarehouse.workflow.WarehouseRequest;

/**
 * Seed load timing (BENCHMARKS.md, "Seed load"): a 100,000-row seed with quoted cells, parsed
 * alone, then built into a fresh DuckDB file and a fresh PostgreSQL schema; median of 5 runs after
 * a warm-up. Run with the test classpath: {@code java -cp ... org.sqlwarehouse.bench.SeedLoadBench <work dir>}.
 */
public final class SeedLoadBench {
    private static final int ROWS = 100_000;
    private static final int RUNS = 5;

    private SeedLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/seed-bench");
        Path project = work.resolve("project");
        Path csv = project.resolve("seeds/orders.csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(project.resolve("dbt_project.yml"), "name: seedbench\n");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("order_id,customer,note,amount,ordered_on,paid\n");
            for (int i = 0; i < ROWS; i++) {
                w.write(i + ",customer_" + (i % 997) + ",\"note, with \"\"quotes\"\" " + i + "\","
                        + (i % 1000) + "." + (i % 100) + ",2024-0" + (1 + i % 9) + "-1" + (i % 9) + ","
                        + (i % 2 == 0 ? "true" : "false") + "\n");
            }
        }
        report("parse", time(() -> CsvReader.read(csv, "seeds/orders.csv")));
        report("build duckdb", time(() -> {
            Path db = work.resolve("bench-" + UUID.randomUUID() + ".duckdb");
            build(project, work, TargetDefinition.builder("dev").type("duckdb").path(db.toString()).schema("bench")
                    .threads(1).origin("bench").build());
            Files.deleteIfExists(db);
        }));
        if (TestDatabase.postgresEnabled()) {
            report("build postgres", time(() -> {
                String schema = "wh_hostile_bench_" + UUID.randomUUID().toString().substring(0, 8);
                try {
                    build(project, work, TargetDefinition.builder("dev").type("postgres").host(TestDatabase.pgHost())
                            .port(TestDatabase.pgPort()).database(TestDatabase.pgDatabase())
                            .user(TestDatabase.pgUser()).schema(schema).threads(1).origin("bench").build());
                } finally {
                    try (TestDatabase db = TestDatabase.postgres()) {
                        db.execute("drop schema if exists \"" + schema + "\" cascade");
                    }
                }
            }));
        }
    }

    private static void build(Path project, Path work, TargetDefinition target) throws Exception {
        new Warehouse(WarehouseRequest.builder().projectDirectory(project).fallbackName("seedbench")
                .outputDirectory(work.resolve("out")).declaredTargets(List.of(target)).explicitTarget("dev")
                .explicitUser("bench").systemUserName("bench").userHome(work.resolve("no-home"))
                .lockTimeoutSeconds(10).projectVersion("1").log(BuildLog.SILENT).build()).build();
    }

    private interface Step {
        void run() throws Exception;
    }

    private static List<Double> time(Step step) throws Exception {
        step.run(); // warm-up
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            step.run();
            seconds.add((System.nanoTime() - t0) / 1e9);
        }
        return seconds;
    }

    private static void report(String what, List<Double> seconds) {
        List<Double> sorted = new ArrayList<>(seconds);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "%-16s median %.3f s  (runs %s)%n", what, sorted.get(sorted.size() / 2),
                seconds.stream().map(s -> String.format(Locale.ROOT, "%.3f", s)).toList());
    }
}
