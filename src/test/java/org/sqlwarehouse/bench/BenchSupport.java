package org.sqlwarehouse.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompileSettings;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.compile.ProjectCompiler;
import org.sqlwarehouse.project.DbtProject;
import org.sqlwarehouse.project.ProjectLoader;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.environment.CredentialResolver;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.workflow.Warehouse;
import org.sqlwarehouse.workflow.WarehouseRequest;

/** What the benchmarks share: the PostgreSQL target, requests, timing statistics, psql. */
final class BenchSupport {
    private BenchSupport() {
    }

    // ---- the server: WAREHOUSE_TEST_PG_HOST/PORT/USER/DATABASE, as the tests read it ----

    static String pgHost() {
        return env("WAREHOUSE_TEST_PG_HOST", "127.0.0.1");
    }

    static int pgPort() {
        return Integer.parseInt(env("WAREHOUSE_TEST_PG_PORT", "5432"));
    }

    static String pgUser() {
        return env("WAREHOUSE_TEST_PG_USER", "postgres");
    }

    static String pgDatabase() {
        return env("WAREHOUSE_TEST_PG_DATABASE", "postgres");
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static Connection pg() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", pgUser());
        return new org.postgresql.Driver().connect("jdbc:postgresql://" + pgHost() + ":" + pgPort() + "/"
                + pgDatabase(), props);
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String value(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Drops the schema with everything in it. */
    static void dropSchema(String schema) throws SQLException {
        try (Connection c = pg()) {
            execute(c, "drop schema if exists \"" + schema + "\" cascade");
        }
    }

    static void createSourceTable() throws SQLException {
        try (Connection c = pg()) {
            for (String sql : SyntheticProject.sourceTableSql()) {
                execute(c, sql);
            }
        }
    }

    // ---- requests ----

    /** A non-protected PostgreSQL target building into {@code schema}. */
    static TargetDefinition pgTarget(String schema, int threads, Map<String, String> properties) {
        return TargetDefinition.builder("bench").type("postgres").host(pgHost()).port(pgPort())
                .database(pgDatabase()).user(pgUser()).schema(schema).threads(threads).protectedFlag(false)
                .properties(properties).origin("benchmark").build();
    }

    /**
     * A request as AbstractWarehouseMojo#request() builds one: the POM declares the one target, no
     * profiles.yml, no credentials to resolve, data tests skipped (the project has none).
     */
    static WarehouseRequest request(Path projectDir, Path outputDir, String schema, int threads, BuildLog log) {
        return request(projectDir, outputDir, schema, threads, Map.of(), log);
    }

    /** As above, with extra JDBC properties on the target (e.g. options=-c synchronous_commit=off). */
    static WarehouseRequest request(Path projectDir, Path outputDir, String schema, int threads,
            Map<String, String> properties, BuildLog log) {
        return WarehouseRequest.builder().projectDirectory(projectDir).fallbackName(SyntheticProject.PROJECT_NAME)
                .outputDirectory(outputDir).declaredTargets(List.of(pgTarget(schema, threads, properties)))
                .explicitTarget("bench").explicitUser("bench").threadsOverride(threads).systemUserName("bench")
                .userHome(outputDir.resolve("no-home")).skipTests(true).projectVersion("0.0.0-bench").log(log)
                .build();
    }

    /** Load + render + graph, in memory, for a PostgreSQL target: the compile benchmark's unit of work. */
    static CompiledProject compile(Path projectDir, Path outputDir) throws WarehouseException {
        return compile(projectDir, outputDir, "wh_bench_compile");
    }

    /** As {@link #compile(Path, Path)}, for a target building into {@code schema}. */
    static CompiledProject compile(Path projectDir, Path outputDir, String schema) throws WarehouseException {
        Warehouse.Selection selection = new Warehouse(request(projectDir, outputDir, schema, 4,
                BuildLog.SILENT)).select();
        DbtProject project = ProjectLoader.load(projectDir, SyntheticProject.PROJECT_NAME);
        return new ProjectCompiler().compile(project, new CompileSettings(selection.target(), selection.dialect(),
                Map.of(), Map.of(), BuildLog.SILENT));
    }

    /** A BuildLog that counts lines and keeps none. */
    static final class CountingLog implements BuildLog {
        final AtomicInteger info = new AtomicInteger();
        final AtomicInteger warn = new AtomicInteger();
        final AtomicInteger error = new AtomicInteger();
        final List<String> errors = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void info(String message) {
            info.incrementAndGet();
        }

        @Override
        public void warn(String message) {
            warn.incrementAndGet();
        }

        @Override
        public void error(String message) {
            error.incrementAndGet();
            if (errors.size() < 20) {
                errors.add(message);
            }
        }

        @Override
        public void debug(String message) {
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }
    }

    // ---- statistics ----

    /** Samples in seconds. */
    record Stats(List<Double> samples) {
        static Stats of(List<Double> samples) {
            return new Stats(List.copyOf(samples));
        }

        double median() {
            List<Double> s = new ArrayList<>(samples);
            Collections.sort(s);
            int n = s.size();
            return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        }

        double min() {
            return samples.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        double max() {
            return samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        int runs() {
            return samples.size();
        }
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    // ---- psql ----

    /** Runs {@code psql -X -q -f file} against the benchmark server; returns the wall time in seconds. */
    static double psql(Path file) throws IOException, InterruptedException {
        return psql(file, null);
    }

    /** As {@link #psql(Path)}, with PGOPTIONS set (e.g. "-c synchronous_commit=off") unless null. */
    static double psql(Path file, String pgOptions) throws IOException, InterruptedException {
        List<String> command = List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", pgHost(), "-p",
                String.valueOf(pgPort()), "-U", pgUser(), "-d", pgDatabase(), "-f", file.toString());
        Path log = Files.createTempFile("psql", ".log");
        try {
            long t0 = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            if (pgOptions != null) {
                builder.environment().put("PGOPTIONS", pgOptions);
            }
            Process p = builder.start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("psql did not finish in 10 minutes");
            }
            double s = seconds(t0);
            if (p.exitValue() != 0) {
                throw new IOException("psql failed (" + p.exitValue() + "): "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return s;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * Server-side counters: transactions committed in the benchmark's database and WAL flushes
     * (pg_stat_wal.wal_sync, PostgreSQL 14+) of the whole server. Other sessions on a shared server
     * add to them; read them as upper bounds.
     */
    record ServerCounters(long commits, long walSyncs, long walRecords) {
        static ServerCounters read() {
            try (Connection c = pg()) {
                long commits = Long.parseLong(value(c, "select xact_commit from pg_stat_database"
                        + " where datname = current_database()"));
                long syncs = -1;
                long records = -1;
                try {
                    syncs = Long.parseLong(value(c, "select wal_sync from pg_stat_wal"));
                    records = Long.parseLong(value(c, "select wal_records from pg_stat_wal"));
                } catch (SQLException | NumberFormatException noWalStats) {
                    // before PostgreSQL 14
                }
                return new ServerCounters(commits, syncs, records);
            } catch (SQLException | NumberFormatException e) {
                return new ServerCounters(-1, -1, -1);
            }
        }

        /** What happened since {@code before}; the reading session's own commit is not counted. */
        ServerCounters since(ServerCounters before) {
            return new ServerCounters(commits - before.commits - 1, walSyncs - before.walSyncs,
                    walRecords - before.walRecords);
        }

        /** Reads the counters once the sessions of a run have ended and reported their statistics. */
        static ServerCounters settled() {
            try {
                Thread.sleep(600);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return read();
        }
    }

    static String command(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "(" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
