package org.sqlwarehouse.compile;

import java.util.Map;
import org.sqlwarehouse.graph.Dag;

/** Every enabled node of a project, compiled, and the graph between them. */
public record CompiledProject(String name, Map<String, CompiledNode> nodes, Dag dag) {
}
