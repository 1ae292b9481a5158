package org.sqlwarehouse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.sqlwarehouse.compile.CompiledProject;

/**
 * Run in a child JVM ({@code java -cp <test classpath> org.sqlwarehouse.bench.MemoryProbe <project dir>
 * <output dir> [--histogram]}): compiles the project once, as one Maven build would, then prints one
 * line {@code MEMORY_PROBE {json}} with the peak heap used and the process's peak RSS.
 *
 * <p>Peak heap used is measured two ways: the largest total heap occupancy seen just before any GC
 * (from the GC notifications: between collections the heap only grows, so the true peak is the
 * largest before-GC figure or the final one), and the sum of every heap pool's own peak
 * (MemoryPoolMXBean#getPeakUsage, an upper bound, as pools peak at different times). The live set
 * is the heap used after a full GC with the compiled project still referenced. RSS peak is VmHWM
 * from /proc/self/status.
 */
public final class MemoryProbe {
    public static final String PREFIX = "MEMORY_PROBE ";

    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[0]);
        Path out = Path.of(args[1]);
        boolean histogram = args.length > 2 && args[2].equals("--histogram");
        AtomicLong peakBeforeGc = new AtomicLong();
        AtomicLong gcs = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                        .from((CompositeData) notification.getUserData());
                long used = 0;
                for (MemoryUsage u : info.getGcInfo().getMemoryUsageBeforeGc().values()) {
                    used += u.getUsed();
                }
                // the map holds non-heap pools too (Metaspace, code cache): subtract them
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.NON_HEAP) {
                        MemoryUsage u = info.getGcInfo().getMemoryUsageBeforeGc().get(pool.getName());
                        if (u != null) {
                            used -= u.getUsed();
                        }
                    }
                }
                gcs.incrementAndGet();
                peakBeforeGc.accumulateAndGet(used, Math::max);
            }, null, null);
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }

        long t0 = System.nanoTime();
        CompiledProject compiled = BenchSupport.compile(project, out);
        double seconds = (System.nanoTime() - t0) / 1e9;

        long usedNow = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long sumOfPoolPeaks = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sumOfPoolPeaks += pool.getPeakUsage().getUsed();
            }
        }
        long peak = Math.max(peakBeforeGc.get(), usedNow);
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        Map<String, Long> status = procStatus();

        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        List<String> top = histogram ? histogram(15) : List.of();

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("nodes", compiled.nodes().size());
        result.put("compileSeconds", seconds);
        result.put("peakHeapUsedBytes", peak);
        result.put("sumOfHeapPoolPeaksBytes", sumOfPoolPeaks);
        result.put("liveHeapAfterFullGcBytes", live);
        result.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        result.put("gcCount", gcCount);
        result.put("gcMillis", gcMillis);
        result.put("vmHwmBytes", status.getOrDefault("VmHWM", -1L));
        result.put("vmRssBytes", status.getOrDefault("VmRSS", -1L));
        result.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream().map(g -> g.getName()).toList());
        result.put("histogram", top);
        System.out.println(PREFIX + new ObjectMapper().writeValueAsString(result));
        // keep the compiled project reachable until after the live-set measurement
        if (compiled.nodes().isEmpty()) {
            System.out.println("empty");
        }
    }

    /** VmHWM, VmRSS... from /proc/self/status, in bytes. */
    static Map<String, Long> procStatus() throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return out;
        }
        for (String line : Files.readAllLines(status)) {
            String[] parts = line.split(":\\s+");
            if (parts.length == 2 && parts[1].endsWith(" kB")) {
                out.put(parts[0], Long.parseLong(parts[1].replace(" kB", "").trim()) * 1024);
            }
        }
        return out;
    }

    /** The top classes of the live heap (GC.class_histogram, through the DiagnosticCommand MBean). */
    static List<String> histogram(int n) {
        try {
            String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            List<String> out = new ArrayList<>();
            for (String line : text.split("\\R")) {
                if (line.matches("\\s*\\d+:.*") && out.size() < n) {
                    out.add(line.strip().replaceAll("\\s+", " "));
                }
                if (line.startsWith("Total")) {
                    out.add(line.strip().replaceAll("\\s+", " "));
                }
            }
            return out;
        } catch (Exception e) {
            return List.of("(histogram failed: " + e + ")");
        }
    }
}
