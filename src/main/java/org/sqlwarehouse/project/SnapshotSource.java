package org.sqlwarehouse.project;

import java.util.List;
import java.util.Map;

/**
 * A {@code {% snapshot name %}} block of a file under snapshot-paths: dbt's type-2 history of what
 * its select returns.
 *
 * @param sql    the block's body: config() calls and the select whose rows are recorded
 * @param config the snapshots: config of dbt_project.yml for its folder and name
 */
public record SnapshotSource(String name, String relativePath, List<String> fqn, String sql,
        Map<String, Object> config) {
}
