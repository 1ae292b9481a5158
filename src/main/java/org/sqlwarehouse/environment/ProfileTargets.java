package org.sqlwarehouse.environment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.sqlwarehouse.WarehouseException;

/**
 * The targets of one profile in a profiles.yml: the file, the profile name, its {@code target:}
 * default (null when it has none, already rendered) and its output names in file order.
 *
 * <p>As in dbt, an output's Jinja is rendered only when that output is asked for: {@link #target(String)}
 * renders and checks one output, so an {@code env_var()} without default in an output that is not
 * used does not fail. {@link #targets()} renders every output. Each {@link TargetDefinition} has the
 * file as its origin. {@link #toString()} shows no field of any output, so no password.
 */
public final class ProfileTargets {
    /** Renders and checks one output of the profile. */
    @FunctionalInterface
    interface OutputRenderer {
        TargetDefinition render(String name) throws WarehouseException;
    }

    private final Path file;
    private final String profile;
    private final String defaultTarget;
    private final List<String> names;
    private final OutputRenderer renderer;
    private final Map<String, TargetDefinition> rendered = new ConcurrentHashMap<>();

    /** Targets already rendered, e.g. built in code: {@link #target(String)} returns them as they are. */
    public ProfileTargets(Path file, String profile, String defaultTarget, List<TargetDefinition> targets) {
        this(file, profile, defaultTarget, byName(targets));
    }

    private ProfileTargets(Path file, String profile, String defaultTarget, Map<String, TargetDefinition> byName) {
        this(file, profile, defaultTarget, List.copyOf(byName.keySet()), byName::get);
    }

    ProfileTargets(Path file, String profile, String defaultTarget, List<String> names, OutputRenderer renderer) {
        this.file = Objects.requireNonNull(file, "file");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.defaultTarget = defaultTarget;
        this.names = List.copyOf(names);
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    /** The profiles.yml file. */
    public Path file() {
        return file;
    }

    /** The profile's name. */
    public String profile() {
        return profile;
    }

    /** The output named by the profile's {@code target:}, rendered; null when it has none. */
    public String defaultTarget() {
        return defaultTarget;
    }

    /** The output names as written (not rendered), in file order. */
    public List<String> names() {
        return names;
    }

    /**
     * The output of that name, rendered and checked now (and kept for later calls); empty when the
     * profile has no output of that name.
     *
     * @throws WarehouseException when the output cannot be rendered or a field of it is invalid; the
     *                            message names the file and the line
     */
    public Optional<TargetDefinition> target(String name) throws WarehouseException {
        if (name == null || !names.contains(name)) {
            return Optional.empty();
        }
        TargetDefinition known = rendered.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        TargetDefinition definition = Objects.requireNonNull(renderer.render(name), name);
        TargetDefinition first = rendered.putIfAbsent(name, definition);
        return Optional.of(first != null ? first : definition);
    }

    /**
     * Every output, rendered and checked, in file order.
     *
     * @throws WarehouseException for the first output, in file order, that cannot be rendered or has
     *                            an invalid field
     */
    public List<TargetDefinition> targets() throws WarehouseException {
        List<TargetDefinition> all = new ArrayList<>(names.size());
        for (String name : names) {
            all.add(target(name).orElseThrow());
        }
        return List.copyOf(all);
    }

    @Override
    public String toString() {
        return "ProfileTargets[file=" + file + ", profile=" + profile + ", defaultTarget=" + defaultTarget
                + ", names=" + names + "]";
    }

    private static Map<String, TargetDefinition> byName(List<TargetDefinition> targets) {
        Map<String, TargetDefinition> byName = new LinkedHashMap<>();
        for (TargetDefinition t : List.copyOf(targets)) {
            byName.putIfAbsent(t.name(), t);
        }
        return byName;
    }
}
