package org.sqlwarehouse.engine;

import java.util.List;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.report.NodeResult;

/** A build in which at least one node failed; lists every failure. */
public class BuildFailedException extends WarehouseException {
    private final List<NodeResult> failures;

    public BuildFailedException(String message, List<NodeResult> failures) {
        super(message, "See the errors above; the compiled SQL of each failed node is at the path shown.");
        this.failures = List.copyOf(failures);
    }

    public List<NodeResult> failures() {
        return failures;
    }
}
