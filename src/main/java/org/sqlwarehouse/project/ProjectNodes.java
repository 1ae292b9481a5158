package org.sqlwarehouse.project;

import java.util.List;
import java.util.Map;

/**
 * The nodes of one project as found on disk: the root project's, or an installed package's. The
 * loader joins them into one {@link DbtProject}.
 *
 * @param macros    macro files and test-paths/generic files
 * @param unitTests the unit_tests: of its property files
 * @param docs      descriptions from its property files, and its docs blocks
 */
record ProjectNodes(List<ModelSource> models, List<SeedSource> seeds, List<SnapshotSource> snapshots,
        Map<String, UnbuiltNode> unbuilt, List<SqlFile> macros, List<SqlFile> singularTests,
        Map<String, SourceTable> sources, List<GenericTestSpec> tests, List<UnitTestSpec> unitTests,
        ProjectDocs docs) {
}
