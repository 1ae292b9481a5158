package org.sqlwarehouse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Records a workload with Java Flight Recorder (in-process, {@link Recording}) and summarises it by
 * top frames, the way {@code jfr print --events jdk.ExecutionSample} would be read by hand:
 *
 * <ul>
 *   <li>CPU: jdk.ExecutionSample every 10 ms, by the top (self) frame, by the first frame outside the
 *       JDK (the library or plugin method doing the work) and by the first plugin frame;</li>
 *   <li>waiting on the database: every jdk.SocketRead (threshold 0), its time by the plugin frame
 *       that issued the statement, and their number (round trips);</li>
 *   <li>optionally allocation: jdk.ObjectAllocationSample weights by first non-JDK frame.</li>
 * </ul>
 * The .jfr file is kept, for {@code jfr print} or JDK Mission Control.
 */
final class Profiler {
    private Profiler() {
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /** A frame and its share of the samples (or of the time or bytes). */
    record Hot(String frame, double amount, double share) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%5.1f%%  %s", share * 100, frame);
        }
    }

    record Profile(String name, Path file, double wallSeconds, long cpuSamples, List<Hot> selfFrames,
            List<Hot> nonJdkFrames, List<Hot> pluginFrames, List<Hot> pluginInclusive, List<Hot> libraryInclusive,
            long gcCount, double gcPauseSeconds, long threadSamples, List<Hot> threadByPluginFrame, List<Hot> threadInclusive,
            long socketReads,
            double socketReadSeconds, List<Hot> socketReadByPluginFrame, long allocationSamples,
            List<Hot> allocationByFrame, List<Hot> allocationByPluginFrame) {

        String describe() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "Profile '%s' (%s): %.2f s wall, %d CPU samples (10 ms)%n", name,
                    file.getFileName(), wallSeconds, cpuSamples));
            if (cpuSamples >= 50) {
                section(b, "CPU by top frame (self)", selfFrames);
                section(b, "CPU by first non-JDK frame", nonJdkFrames);
                section(b, "CPU by first plugin frame", pluginFrames);
                section(b, "CPU inclusive, plugin methods", pluginInclusive);
                section(b, "CPU inclusive, library methods (JDBC, Jackson, ...)", libraryInclusive);
            } else {
                b.append("  (too few CPU samples for CPU views: the JVM was mostly waiting; see below)\n");
            }
            b.append(String.format(Locale.ROOT, "  GC: %d collections, %.2f s of pauses%n", gcCount, gcPauseSeconds));
            section(b, String.format(Locale.ROOT, "Running threads, in Java or native code (%d samples: CPU plus "
                    + "socket and file I/O), by first plugin frame", threadSamples), threadByPluginFrame);
            section(b, "Running threads, inclusive by plugin method (phases)", threadInclusive);
            if (socketReads > 0) {
                b.append(String.format(Locale.ROOT, "  Socket reads (round trips to the server): %d, %.2f s waiting"
                        + " (%.0f%% of wall, summed over threads)%n", socketReads, socketReadSeconds,
                        100 * socketReadSeconds / wallSeconds));
                section(b, "Time waiting on the server, by plugin frame issuing the statement",
                        socketReadByPluginFrame);
            }
            if (allocationSamples > 0) {
                section(b, "Allocated bytes by first non-JDK frame", allocationByFrame);
                section(b, "Allocated bytes by first plugin frame", allocationByPluginFrame);
            }
            return b.toString();
        }

        private static void section(StringBuilder b, String title, List<Hot> hots) {
            if (hots.isEmpty()) {
                return;
            }
            b.append("  ").append(title).append(":\n");
            for (Hot h : hots) {
                b.append("    ").append(h).append('\n');
            }
        }
    }

    /**
     * Starts and stops a recording with the profiling settings once, before anything is measured:
     * the first recording in a JVM instruments JDK classes and throws away JIT-compiled code, which
     * would otherwise land in the first profile (interpreted frames, inflated shares) and in the
     * runs measured right after it.
     */
    static void initialize() throws InterruptedException {
        try (Recording recording = configured("jfr-initialization", true)) {
            recording.start();
            Thread.sleep(200);
            recording.stop();
        }
    }

    private static Recording configured(String name, boolean allocations) {
        Recording recording = new Recording();
        recording.setName(name);
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(10));
        recording.enable("jdk.SocketRead").withThreshold(Duration.ZERO).withStackTrace();
        recording.enable("jdk.GarbageCollection");
        if (allocations) {
            recording.enable("jdk.ObjectAllocationSample").with("throttle", "2000/s");
        }
        return recording;
    }

    static Profile profile(String name, Path dir, boolean allocations, Work work) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".jfr");
        long t0;
        double wall;
        try (Recording recording = configured(name, allocations)) {
            recording.start();
            t0 = System.nanoTime();
            try {
                work.run();
            } finally {
                wall = (System.nanoTime() - t0) / 1e9;
                recording.stop();
                recording.dump(file);
            }
        }
        return summarise(name, file, wall);
    }

    static Profile summarise(String name, Path file, double wall) throws IOException {
        Map<String, Double> self = new HashMap<>();
        Map<String, Double> nonJdk = new HashMap<>();
        Map<String, Double> plugin = new HashMap<>();
        Map<String, Double> inclusive = new HashMap<>();
        Map<String, Double> libraries = new HashMap<>();
        Map<String, Double> threadBy = new HashMap<>();
        Map<String, Double> threadInclusive = new HashMap<>();
        long threadSamples = 0;
        long gcCount = 0;
        double gcPause = 0;
        Map<String, Double> socketBy = new HashMap<>();
        Map<String, Double> allocBy = new HashMap<>();
        Map<String, Double> allocByPlugin = new HashMap<>();
        long cpu = 0;
        long socketReads = 0;
        double socketSeconds = 0;
        long allocSamples = 0;
        Set<Long> sampledThreads = new java.util.HashSet<>();
        double allocBytes = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            RecordedStackTrace stack = e.getStackTrace();
            List<RecordedFrame> frames = stack == null ? List.of() : stack.getFrames();
            switch (type) {
                case "jdk.NativeMethodSample" -> {
                    threadSamples++;
                    threadBy.merge(first(frames, stack, Profiler::isPlugin), 1.0, Double::sum);
                    inclusivePlugin(frames).forEach(f -> threadInclusive.merge(f, 1.0, Double::sum));
                }
                case "jdk.ExecutionSample" -> {
                    cpu++;
                    threadSamples++;
                    threadBy.merge(first(frames, stack, Profiler::isPlugin), 1.0, Double::sum);
                    inclusivePlugin(frames).forEach(f -> threadInclusive.merge(f, 1.0, Double::sum));
                    if (frames.isEmpty()) {
                        continue;
                    }
                    self.merge(frame(frames.get(0)), 1.0, Double::sum);
                    nonJdk.merge(first(frames, stack, Profiler::isNonJdk), 1.0, Double::sum);
                    plugin.merge(first(frames, stack, Profiler::isPlugin), 1.0, Double::sum);
                    Set<String> seen = new LinkedHashSet<>();
                    Set<String> seenLibrary = new LinkedHashSet<>();
                    for (RecordedFrame f : frames) {
                        if (isPlugin(f)) {
                            seen.add(frame(f));
                        } else if (isNonJdk(f) && !f.getMethod().getType().getName().startsWith("org.sqlwarehouse.")) {
                            seenLibrary.add(frame(f));
                        }
                    }
                    seen.forEach(s -> inclusive.merge(s, 1.0, Double::sum));
                    seenLibrary.forEach(s -> libraries.merge(s, 1.0, Double::sum));
                }
                case "jdk.GarbageCollection" -> {
                    gcCount++;
                    gcPause += e.getDuration("sumOfPauses").toNanos() / 1e9;
                }
                case "jdk.SocketRead" -> {
                    socketReads++;
                    double s = e.getDuration().toNanos() / 1e9;
                    socketSeconds += s;
                    socketBy.merge(first(frames, stack, Profiler::isPlugin), s, Double::sum);
                }
                case "jdk.ObjectAllocationSample" -> {
                    // a thread's first sample weighs everything it allocated before the recording: skip it
                    if (e.getThread("eventThread") == null
                            || sampledThreads.add(e.getThread("eventThread").getJavaThreadId())) {
                        continue;
                    }
                    allocSamples++;
                    double w = e.getLong("weight");
                    allocBytes += w;
                    allocBy.merge(first(frames, stack, Profiler::isNonJdk), w, Double::sum);
                    allocByPlugin.merge(first(frames, stack, Profiler::isPlugin), w, Double::sum);
                }
                default -> {
                }
            }
        }
        return new Profile(name, file, wall, cpu, top(self, cpu, 12), top(nonJdk, cpu, 12), top(plugin, cpu, 12),
                top(inclusive, cpu, 15), top(libraries, cpu, 15), gcCount, gcPause, threadSamples, top(threadBy, threadSamples, 12),
                top(threadInclusive, threadSamples, 20), socketReads, socketSeconds, top(socketBy, socketSeconds, 10), allocSamples,
                top(allocBy, allocBytes, 12), top(allocByPlugin, allocBytes, 10));
    }

    private static Set<String> inclusivePlugin(List<RecordedFrame> frames) {
        Set<String> seen = new LinkedHashSet<>();
        for (RecordedFrame f : frames) {
            if (isPlugin(f)) {
                seen.add(frame(f));
            }
        }
        return seen;
    }

    private static List<Hot> top(Map<String, Double> counts, double total, int n) {
        List<Hot> out = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(n)
                .forEach(en -> out.add(new Hot(en.getKey(), en.getValue(), total == 0 ? 0 : en.getValue() / total)));
        return out;
    }

    private static String first(List<RecordedFrame> frames, RecordedStackTrace stack,
            java.util.function.Predicate<RecordedFrame> which) {
        for (RecordedFrame f : frames) {
            if (which.test(f)) {
                return frame(f);
            }
        }
        if (stack != null && stack.isTruncated()) {
            return "(stack truncated before any such frame)";
        }
        // the outermost library frame names what the thread was for, e.g. Hikari's connection adder
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (isNonJdk(frames.get(i))) {
                return "(no plugin frame) " + frame(frames.get(i));
            }
        }
        return frames.isEmpty() ? "(no stack)" : "(JDK only) " + frame(frames.get(0));
    }

    private static boolean isPlugin(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return type.startsWith("org.sqlwarehouse.") && !type.startsWith("org.sqlwarehouse.bench.");
    }

    private static boolean isNonJdk(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return !(type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.")
                || type.startsWith("sun.") || type.startsWith("com.sun."));
    }

    /**
     * A frame as file:method, e.g. {@code org/sqlwarehouse/compile/TemplateRenderer.java:render} for
     * plugin code, {@code org.postgresql.jdbc.PgStatement.execute} for libraries.
     */
    static String frame(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        String method = f.getMethod().getName();
        if (type.contains("$$Lambda")) {
            type = type.substring(0, type.indexOf("$$Lambda"));
            method = "(lambda)";
        }
        if (type.startsWith("org.sqlwarehouse.")) {
            String outer = type.contains("$") ? type.substring(0, type.indexOf('$')) : type;
            String inner = type.contains("$") ? type.substring(type.indexOf('$')) : "";
            String lambda = method.startsWith("lambda$") ? " (lambda)" : "";
            return outer.replace('.', '/') + ".java:" + (inner.isEmpty() ? "" : inner.substring(1) + ".")
                    + cleanLambda(method) + lambda;
        }
        return type + "." + method;
    }

    private static String cleanLambda(String method) {
        if (!method.startsWith("lambda$")) {
            return method;
        }
        String[] parts = method.split("\\$");
        return parts.length > 1 ? parts[1] : method;
    }
}
