package org.sqlwarehouse.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlwarehouse.WarehouseException;

/** The snapshots of a project: every {@code {% snapshot %}} block of the .sql files under snapshot-paths. */
final class SnapshotFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "\\{%-?\\s*snapshot\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*-?%\\}(.*?)\\{%-?\\s*endsnapshot\\s*-?%\\}", Pattern.DOTALL);

    private SnapshotFiles() {
    }

    /**
     * @param base the folder of the project (root or package) whose snapshot-paths are searched
     * @param dir  the root project's folder, which paths are relative to
     * @param root for a package, the root project's dbt_project.yml, whose snapshots: configs win; else null
     * @param seen node names found so far with their files: a snapshot's name is unique among them
     */
    static List<SnapshotSource> find(Path base, Path dir, ProjectSettings settings, ProjectSettings root,
            UnbuiltNodes.Lister lister, Map<String, String> seen, List<String> warnings) throws WarehouseException {
        ConfigTree tree = projectConfig(settings);
        ConfigTree rootTree = root == null ? null : projectConfig(root);
        List<SnapshotSource> out = new ArrayList<>();
        for (String folder : UnbuiltNodes.paths(settings, "snapshot-paths", "snapshots")) {
            Path snapshotRoot = base.resolve(folder);
            for (Path sql : lister.files(snapshotRoot, ".sql")) {
                String relative = ProjectLoader.relative(dir, sql);
                Matcher m = BLOCK.matcher(TextFiles.readUtf8(sql, relative));
                int found = 0;
                while (m.find()) {
                    found++;
                    String name = m.group(1);
                    ProjectLoader.checkUnique(seen, name, relative);
                    List<String> fqn = ProjectLoader.fqn(settings.name(), snapshotRoot, sql, name);
                    out.add(new SnapshotSource(name, relative, fqn, m.group(2), ProjectLoader.layered(tree, rootTree,
                            fqn)));
                }
                if (found == 0) {
                    warnings.add(relative + ": no {% snapshot name %} ... {% endsnapshot %} block; nothing in this "
                            + "file is built");
                }
            }
        }
        return out;
    }

    /** The snapshots: tree of dbt_project.yml. */
    static ConfigTree projectConfig(ProjectSettings settings) {
        return new ConfigTree(settings.raw().get("snapshots") instanceof Map<?, ?> m ? cast(m) : Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
