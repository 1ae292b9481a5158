package org.sqlwarehouse.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.sqlwarehouse.WarehouseException;

/**
 * The {@code snapshots:} entries of property files (dbt 1.9). An entry with a {@code relation:}
 * (a ref() or source() call) defines a snapshot of that relation, as a {@code {% snapshot %}} block
 * selecting every column of it would; an entry without one gives a block snapshot of the same name
 * its config (under the block's own config() calls, over dbt_project.yml, as in dbt).
 */
final class YamlSnapshots {
    /** What dbt accepts as a relation: one ref() or source() call. */
    private static final Pattern RELATION = Pattern.compile("^\\s*(ref|source)\\s*\\(.*\\)\\s*$", Pattern.DOTALL);

    /** One entry, with where it was found: its fqn is its file's folders under that resource folder. */
    private record Entry(Map<String, Object> properties, String file, Path root, Path yml) {
        String name() {
            return String.valueOf(properties.get("name"));
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Keeps the {@code snapshots:} entries of one property file. */
    @SuppressWarnings("unchecked")
    void collect(Object snapshots, String file, Path root, Path yml) throws WarehouseException {
        if (snapshots == null) {
            return;
        }
        if (!(snapshots instanceof List<?> list)) {
            throw new WarehouseException(file + ": 'snapshots:' must be a list of entries with a name.");
        }
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> entry) || entry.get("name") == null) {
                throw new WarehouseException(file + ": every entry under 'snapshots:' needs a name.");
            }
            entries.add(new Entry((Map<String, Object>) entry, file, root, yml));
        }
    }

    /**
     * The block snapshots with their property-file config, followed by the snapshots the entries define.
     *
     * @param seen node names found so far with their files: a defined snapshot's name is unique among them
     */
    List<SnapshotSource> apply(List<SnapshotSource> blocks, ProjectSettings settings, Map<String, String> seen, List<String> warnings) throws WarehouseException {
        Map<String, SnapshotSource> byName = new LinkedHashMap<>();
        blocks.forEach(b -> byName.put(b.name(), b));
        List<SnapshotSource> defined = new ArrayList<>();
        ConfigTree tree = SnapshotFiles.projectConfig(settings);
        for (Entry entry : entries) {
            Object relation = entry.properties().get("relation");
            if (relation == null) {
                SnapshotSource block = byName.get(entry.name());
                if (block == null) {
                    warnings.add(entry.file() + ": snapshot '" + entry.name() + "' has no relation: and no "
                            + "{% snapshot " + entry.name() + " %} block; its properties are left out");
                    continue;
                }
                byName.put(block.name(), new SnapshotSource(block.name(), block.relativePath(), block.fqn(),
                        block.sql(), withProperties(block.config(), entry)));
                continue;
            }
            if (!RELATION.matcher(String.valueOf(relation)).matches()) {
                throw new WarehouseException(entry.file() + ": snapshot '" + entry.name() + "' has relation '"
                        + relation + "'; it must be a ref() or source() call, e.g. relation: ref('orders')");
            }
            ProjectLoader.checkUnique(seen, entry.name(), entry.file());
            List<String> fqn = ProjectLoader.fqn(settings.name(), entry.root(), entry.yml(), entry.name());
            defined.add(new SnapshotSource(entry.name(), entry.file(), fqn,
                    "select * from {{ " + String.valueOf(relation).strip() + " }}",
                    withProperties(tree.resolve(fqn), entry)));
        }
        List<SnapshotSource> out = new ArrayList<>(byName.values());
        out.addAll(defined);
        return out;
    }

    /** The entry's config: over dbt_project.yml's, with dbt's '+' prefix allowed. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withProperties(Map<String, Object> projectConfig, Entry entry)
            throws WarehouseException {
        Map<String, Object> config = new LinkedHashMap<>(projectConfig);
        Object own = entry.properties().get("config");
        if (own == null) {
            return config;
        }
        if (!(own instanceof Map<?, ?> map)) {
            throw new WarehouseException(entry.file() + ": 'config:' of snapshot '" + entry.name()
                    + "' must be a mapping of configs.");
        }
        for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
            String key = e.getKey().startsWith("+") ? e.getKey().substring(1) : e.getKey();
            ConfigTree.merge(config, key, e.getValue());
        }
        return config;
    }
}
