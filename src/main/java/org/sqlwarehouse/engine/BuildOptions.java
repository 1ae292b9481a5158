package org.sqlwarehouse.engine;

import java.nio.file.Path;
import java.util.Set;

/**
 * How a build runs.
 *
 * @param failFast         stop starting nodes after the first failure
 * @param fullRefresh      rebuild incremental models whole (warehouse.fullRefresh)
 * @param projectDirectory paths in messages are shown relative to it
 * @param outputDirectory  target/warehouse, where the compiled SQL that failure messages point to is
 * @param recreateOutsideViews define views outside the project again over a relation this run
 *                         replaces, rather than failing
 * @param projectRelations every relation ("schema.name") the project builds, selected or not: a
 *                         view among them that this run leaves out is defined again over a
 *                         relation it replaces, as the project's own
 * @param eventTimes       the times microbatch models build their batches between
 */
public record BuildOptions(boolean failFast, boolean fullRefresh, Path projectDirectory, Path outputDirectory,
        boolean recreateOutsideViews, Set<String> projectRelations, EventTimeRange eventTimes) {
    public BuildOptions {
        eventTimes = eventTimes == null ? EventTimeRange.NONE : eventTimes;
    }
}
