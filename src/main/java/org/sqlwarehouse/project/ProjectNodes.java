package org.sqlwarehouse.project;

import java.util.List;
import java.util.Map;

/**
 * The nodes of one project as found on disk: the root project's, or an installed package's. The
 * loader joins them into one {@link DbtProject}.
 *
 * @param macros macro files and test-paths/generic files
 */
record ProjectNodes(List<ModelSource> models, List<SeedSource> seeds, List<SnapshotSource> snapshots,
        Map<String, UnbuiltNode> unbuilt, List<SqlFile> macros, List<SqlFile> singularTests,
        Map<String, SourceTable> sources, List<GenericTestSpec> tests) {
}
