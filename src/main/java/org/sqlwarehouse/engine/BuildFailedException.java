package org.sqlwarehouse.engine;

import java.util.List;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.report.NodeResult;

/** A build in which at least one node failed; lists every failure. */
public class BuildFailedException extends WarehouseException {
    private final List<NodeResult> failures;
    private final List<NodeResult> results;

    public BuildFailedException(String message, List<NodeResult> failures, List<NodeResult> results) {
        this(message, "See the errors above; the compiled SQL of each failed node is at the path shown.", failures,
                results);
    }

    /** @param hint how to go on, for runs whose failures are not built nodes (unit tests) */
    public BuildFailedException(String message, String hint, List<NodeResult> failures, List<NodeResult> results) {
        super(message, hint);
        this.failures = List.copyOf(failures);
        this.results = List.copyOf(results);
    }

    /** Every node's result, the successful ones included. */
    public List<NodeResult> results() {
        return results;
    }

    public List<NodeResult> failures() {
        return failures;
    }
}
