package org.sqlwarehouse.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Models and seeds that dbt_project.yml or a property file disables, which may share a name with
 * an enabled node, as dbt allows: the usual way to replace a package's model is to disable it and
 * write one of the same name. Such a disabled node is left out, with the data tests its project
 * attaches to it; a disabled node no other one shadows stays, so that a ref() to it says it is
 * disabled.
 */
final class DisabledNodes {
    private DisabledNodes() {
    }

    static boolean isDisabled(Map<String, Object> config) {
        Object enabled = config.get("enabled");
        return enabled != null && !Boolean.parseBoolean(String.valueOf(enabled));
    }

    /**
     * @param enabled  the names of every enabled node, with their files
     * @param disabled the names of the disabled nodes kept so far, which a later one of the same name
     *                 leaves alone; this adds the ones it keeps
     */
    static ProjectNodes withoutShadowed(ProjectNodes nodes, Map<String, String> enabled, Set<String> disabled) {
        List<String> dropped = new ArrayList<>();
        List<ModelSource> models = new ArrayList<>();
        for (ModelSource model : nodes.models()) {
            if (keep(model.name(), model.config(), enabled, disabled)) {
                models.add(model);
            } else {
                dropped.add(model.name());
            }
        }
        List<SeedSource> seeds = new ArrayList<>();
        for (SeedSource seed : nodes.seeds()) {
            if (keep(seed.name(), seed.config(), enabled, disabled)) {
                seeds.add(seed);
            } else {
                dropped.add(seed.name());
            }
        }
        if (dropped.isEmpty()) {
            return nodes;
        }
        List<GenericTestSpec> tests = new ArrayList<>();
        for (GenericTestSpec test : nodes.tests()) {
            boolean onDropped = !"source".equals(test.targetKind()) && dropped.contains(test.targetName());
            if (!onDropped) {
                tests.add(test);
            }
        }
        return new ProjectNodes(models, seeds, nodes.snapshots(), nodes.unbuilt(), nodes.macros(),
                nodes.singularTests(), nodes.sources(), tests, nodes.unitTests(), nodes.docs());
    }

    private static boolean keep(String name, Map<String, Object> config, Map<String, String> enabled,
            Set<String> disabled) {
        if (!isDisabled(config)) {
            return true;
        }
        return !enabled.containsKey(name) && disabled.add(name);
    }
}
