package org.sqlwarehouse.engine;

import java.nio.file.Path;

/**
 * How a build runs.
 *
 * @param failFast         stop starting nodes after the first failure
 * @param fullRefresh      rebuild incremental models whole (warehouse.fullRefresh)
 * @param projectDirectory paths in messages are shown relative to it
 * @param outputDirectory  target/warehouse, where the compiled SQL that failure messages point to is
 * @param recreateOutsideViews define views this run does not build again over a relation it
 *                         replaces, rather than failing
 */
public record BuildOptions(boolean failFast, boolean fullRefresh, Path projectDirectory, Path outputDirectory,
        boolean recreateOutsideViews) {
}
