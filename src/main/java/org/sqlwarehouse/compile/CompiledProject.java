package org.sqlwarehouse.compile;

import java.util.List;
import java.util.Map;
import org.sqlwarehouse.graph.Dag;

/**
 * Every enabled node of a project, compiled, and the graph between them.
 *
 * @param onRunStart rendered on-run-start statements: the installed packages', then dbt_project.yml's
 * @param onRunEnd   rendered on-run-end statements
 */
public record CompiledProject(String name, Map<String, CompiledNode> nodes, Dag dag, List<String> onRunStart,
        List<String> onRunEnd) {
}
