package org.sqlwarehouse.report;

import java.time.Instant;

/**
 * How one node ended.
 *
 * @param relation      schema.name, unquoted; null for a test
 * @param displayName   what progress lines show: the relation, or a test's name
 * @param kind          what was built: view, table, seed, test
 * @param message       the database's own message for an error, the reason for a skip
 * @param file          the node's source file, relative to the project
 * @param compiledPath  where its compiled SQL was written, or null
 * @param relationName  the quoted relation as SQL names it (run_results' relation_name); null for a test
 * @param compiledCode  the SQL that ran, or null (a seed)
 * @param failures      for a test, the number of rows it found; null otherwise
 * @param execution     on which thread and when it ran
 */
public record NodeResult(String uniqueId, String resourceType, NodeStatus status, double executionTime,
        String relation, String displayName, String kind, String message, String file, String compiledPath,
        String relationName, String compiledCode, Integer failures, Execution execution) {

    /**
     * Where and when a node ran.
     *
     * @param threadId    the thread that ran it (or reported it, for a node that did not run)
     * @param startedAt   when its statements began; null when none ran
     * @param completedAt when they ended; null when none ran
     */
    public record Execution(String threadId, Instant startedAt, Instant completedAt) {
        /** For a node that ran nothing (skipped, unchanged): reported on the current thread. */
        public static Execution none() {
            return new Execution(Thread.currentThread().getName(), null, null);
        }
    }

    /**
     * The same result for another relation and the SQL that reads under its names, e.g. the live
     * relation a promoted candidate became.
     */
    public NodeResult withRelation(String newRelation, String newRelationName, String newDisplayName,
            String newCompiledCode) {
        return new NodeResult(uniqueId, resourceType, status, executionTime, newRelation, newDisplayName, kind,
                message, file, compiledPath, newRelationName, newCompiledCode, failures, execution);
    }
}
