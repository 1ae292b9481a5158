package org.sqlwarehouse.engine;

import java.util.ArrayList;
import java.util.List;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.project.ColumnProperties;
import org.sqlwarehouse.project.NodeProperties;

/**
 * The part of a node's property-file entry that the build writes into the database: descriptions
 * under persist_docs, declared columns and constraints under an enforced contract. A change to it
 * changes the relation, so it is part of the node's fingerprint; "" when the build applies none.
 */
public final class AppliedProperties {
    private AppliedProperties() {
    }

    public static String of(CompiledNode node) {
        NodeProperties properties = node.properties();
        List<String> parts = new ArrayList<>();
        if (!DocsComments.of(node).isEmpty()) {
            parts.add("description=" + properties.description());
            for (ColumnProperties column : properties.columns()) {
                parts.add("column " + column.name() + " description=" + column.description());
            }
        }
        if (ModelContract.enforced(node)) {
            for (ColumnProperties column : properties.columns()) {
                parts.add("column " + column.name() + " " + column.dataType() + " " + column.constraints());
            }
            parts.add("constraints=" + properties.constraints());
        }
        return String.join("\n", parts);
    }
}
