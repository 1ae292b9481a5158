package org.sqlwarehouse.compile;

import java.util.List;
import java.util.Map;
import org.sqlwarehouse.graph.Dag;

/**
 * Every enabled node of a project, compiled, and the graph between them.
 *
 * @param onRunStart rendered on-run-start statements of dbt_project.yml
 * @param onRunEnd   rendered on-run-end statements
 * @param unitTests  the enabled unit tests of enabled models
 */
public record CompiledProject(String name, Map<String, CompiledNode> nodes, Dag dag, List<String> onRunStart,
        List<String> onRunEnd, List<CompiledUnitTest> unitTests) {

    public CompiledProject(String name, Map<String, CompiledNode> nodes, Dag dag, List<String> onRunStart,
            List<String> onRunEnd) {
        this(name, nodes, dag, onRunStart, onRunEnd, List.of());
    }
}
