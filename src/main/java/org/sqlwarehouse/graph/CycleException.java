package org.sqlwarehouse.graph;

import java.util.List;

/**
 * A dependency cycle. {@link #getCycle()} is the path in dependency direction (upstream to
 * downstream) with the first node repeated at the end, e.g. {@code [a, b, c, a]}; the message reads
 * {@code Dependency cycle: a -> b -> c -> a}.
 */
public class CycleException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> cycle;

    /** @param cycle the closed path, first node repeated at the end */
    public CycleException(List<String> cycle) {
        super("Dependency cycle: " + String.join(" -> ", cycle));
        this.cycle = List.copyOf(cycle);
    }

    /** The closed path, first node repeated at the end; unmodifiable. */
    public List<String> getCycle() {
        return cycle;
    }
}
