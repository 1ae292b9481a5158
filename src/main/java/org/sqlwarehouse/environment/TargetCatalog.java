package org.sqlwarehouse.environment;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlwarehouse.WarehouseException;

/**
 * Every target that exists for a project: the outputs of its profiles.yml profile and the targets
 * declared in the POM (a POM target replaces an output of the same name), or, with neither, the
 * implicit DuckDB target "dev" in the build directory. Profile outputs are rendered only when used.
 */
public final class TargetCatalog {
    private final Map<String, TargetDefinition> declared;
    private final ProfileTargets profile;
    private final Set<String> names;

    private TargetCatalog(Map<String, TargetDefinition> declared, ProfileTargets profile, Set<String> names) {
        this.declared = Collections.unmodifiableMap(declared);
        this.profile = profile;
        this.names = Collections.unmodifiableSet(names);
    }

    /** Targets from the POM only. */
    public static TargetCatalog of(List<TargetDefinition> declared, Path implicitDevPath) throws WarehouseException {
        return of(declared, null, implicitDevPath);
    }

    /**
     * @param declared        targets from the POM, in declaration order
     * @param profile         the profiles.yml profile, or null
     * @param implicitDevPath where the implicit dev DuckDB file goes when nothing is declared
     */
    public static TargetCatalog of(List<TargetDefinition> declared, ProfileTargets profile, Path implicitDevPath)
            throws WarehouseException {
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
        Set<String> names = new LinkedHashSet<>();
        if (profile != null) {
            names.addAll(profile.names());
        }
        names.addAll(byName.keySet());
        if (names.isEmpty()) {
            byName.put(TargetSelection.DEFAULT_TARGET, TargetDefinition.builder(TargetSelection.DEFAULT_TARGET)
                    .type("duckdb").path(implicitDevPath.toString()).origin("implicit default").build());
            names.add(TargetSelection.DEFAULT_TARGET);
        }
        return new TargetCatalog(byName, profile, names);
    }

    /** Every target name, profiles.yml outputs first. */
    public Set<String> names() {
        return names;
    }

    /** The profiles.yml default target, or null. */
    public String defaultTarget() {
        return profile == null ? null : profile.defaultTarget();
    }

    /** The definition of a target; a profiles.yml output is rendered now (env_var and all). */
    public TargetDefinition get(String name) throws WarehouseException {
        TargetDefinition fromPom = declared.get(name);
        if (fromPom != null) {
            return fromPom;
        }
        if (profile != null) {
            return profile.target(name).orElse(null);
        }
        return null;
    }

    /** Every definition that renders, for listings; failures are returned by name. */
    public Map<String, Object> describeAll() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : names) {
            try {
                out.put(name, get(name));
            } catch (WarehouseException e) {
                out.put(name, e);
            }
        }
        return out;
    }

    /** Kept for callers that list POM targets only. */
    public Map<String, TargetDefinition> targets() {
        Map<String, TargetDefinition> out = new LinkedHashMap<>();
        for (String name : names) {
            TargetDefinition d = declared.get(name);
            if (d != null) {
                out.put(name, d);
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
