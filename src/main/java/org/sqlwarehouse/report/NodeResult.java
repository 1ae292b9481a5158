package org.sqlwarehouse.report;

/**
 * How one node ended.
 *
 * @param relation      schema.name, unquoted; null for a test
 * @param displayName   what progress lines show: the relation, or a test's name
 * @param kind          what was built: view, table, seed, test
 * @param message       the database's own message for an error, the reason for a skip
 * @param file          the node's source file, relative to the project
 * @param compiledPath  where its compiled SQL was written, or null
 */
public record NodeResult(String uniqueId, String resourceType, NodeStatus status, double executionTime,
        String relation, String displayName, String kind, String message, String file, String compiledPath) {
}
