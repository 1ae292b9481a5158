package org.sqlwarehouse.target;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlwarehouse.WarehouseException;

/**
 * Every target that exists for a project: the ones declared in the POM, or, with none declared, the
 * implicit DuckDB target "dev" in the build directory.
 */
public final class TargetCatalog {
    private final Map<String, TargetDefinition> targets;
    private final String defaultTarget;

    private TargetCatalog(Map<String, TargetDefinition> targets, String defaultTarget) {
        this.targets = Collections.unmodifiableMap(targets);
        this.defaultTarget = defaultTarget;
    }

    /**
     * @param declared        targets from the POM, in declaration order
     * @param implicitDevPath where the implicit dev DuckDB file goes when nothing is declared
     */
    public static TargetCatalog of(List<TargetDefinition> declared, Path implicitDevPath) throws WarehouseException {
        Map<String, TargetDefinition> byName = new LinkedHashMap<>();
        for (TargetDefinition t : declared) {
            if (t.name() == null || t.name().isBlank()) {
                throw new WarehouseException("A target in " + t.origin() + " has no <name>.",
                        "Give every target a name, e.g. <name>dev</name>.");
            }
            if (byName.containsKey(t.name())) {
                throw new WarehouseException("Target '" + t.name() + "' is declared twice in " + t.origin() + ".");
            }
            byName.put(t.name(), t);
        }
        if (byName.isEmpty()) {
            byName.put(TargetSelection.DEFAULT_TARGET, TargetDefinition.builder(TargetSelection.DEFAULT_TARGET)
                    .type("duckdb").path(implicitDevPath.toString()).origin("implicit default").build());
        }
        return new TargetCatalog(byName, null);
    }

    public Map<String, TargetDefinition> targets() {
        return targets;
    }

    /** The default named by profiles.yml, or null. */
    public String defaultTarget() {
        return defaultTarget;
    }

    public TargetDefinition get(String name) {
        return targets.get(name);
    }
}
