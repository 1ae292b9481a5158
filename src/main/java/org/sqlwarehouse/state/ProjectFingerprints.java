package org.sqlwarehouse.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.engine.AppliedProperties;
import org.sqlwarehouse.project.DbtProject;
import org.sqlwarehouse.project.ModelSource;
import org.sqlwarehouse.project.SeedSource;
import org.sqlwarehouse.project.SnapshotSource;

/**
 * What the project says a node is, as a hash that is the same in every environment, as dbt's
 * state:modified compares: the node's raw template (a seed: its file's content), its config as
 * written in dbt_project.yml and property files before their Jinja is rendered, the properties the
 * build writes (persisted descriptions, an enforced contract), the source text of the macros it
 * calls, dbt_project.yml's vars when it or those macros read a var, and the project fingerprints of
 * its upstream nodes. Nothing rendered goes in, so neither a
 * schema name, target.name nor a dev user changes it; {@link Fingerprints} hashes what was rendered
 * for one environment instead.
 */
public final class ProjectFingerprints {
    private ProjectFingerprints() {
    }

    /**
     * The project fingerprint of every model, seed and snapshot (tests have none: they build no
     * relation), computed upstream first.
     *
     * @param unrendered the project as loaded, before {@code YamlTemplates.render}
     * @param compiled   its compile, for the graph and the properties the build writes
     */
    public static Map<String, String> of(DbtProject unrendered, CompiledProject compiled) {
        Map<String, String> ownText = ownTexts(unrendered);
        MacroCalls macros = MacroCalls.of(unrendered);
        String vars = canonical(unrendered.settings().vars());
        Map<String, String> out = new HashMap<>();
        for (String id : compiled.dag().topologicalOrder()) {
            CompiledNode node = compiled.nodes().get(id);
            if (node == null || node.isTest()) {
                continue;
            }
            String text = ownText.get(keyOf(node.resourceType().id(), node.originalFilePath(), node.name()));
            if (text == null) {
                continue; // not a node of the loaded files: nothing environment-independent to say
            }
            StringBuilder all = new StringBuilder(text).append("\nproperties=").append(AppliedProperties.of(node));
            Map<String, String> called = macros.calledBy(text);
            called.forEach((name, body) -> all.append("\nmacro ").append(name).append('=')
                    .append(Fingerprints.sha256(body)));
            if (readsVars(text, called)) {
                // the vars of dbt_project.yml are the project's; those given on the command line are not
                all.append("\nvars=").append(vars);
            }
            TreeMap<String, String> upstream = new TreeMap<>();
            for (String up : node.dependsOn()) {
                String f = out.get(up);
                if (f != null) {
                    upstream.put(up, f);
                }
            }
            upstream.forEach((k, v) -> all.append("\nupstream ").append(k).append('=').append(v));
            out.put(id, Fingerprints.sha256(all.toString()));
        }
        return out;
    }

    /** Each loaded node's own text: its raw template or seed content, and its unrendered config. */
    private static Map<String, String> ownTexts(DbtProject project) {
        Map<String, String> out = new HashMap<>();
        for (ModelSource m : project.models()) {
            out.put(keyOf("model", m.relativePath(), m.name()), "model\n" + m.sql() + "\nconfig=" + canonical(m.config()));
        }
        for (SnapshotSource s : project.snapshots()) {
            out.put(keyOf("snapshot", s.relativePath(), s.name()),
                    "snapshot\n" + s.sql() + "\nconfig=" + canonical(s.config()));
        }
        for (SeedSource s : project.seeds()) {
            out.put(keyOf("seed", s.relativePath(), s.name()),
                    "seed\n" + seedContent(s) + "\nconfig=" + canonical(s.config()));
        }
        return out;
    }

    /** Whether the template or a macro it calls may read a var: then dbt_project.yml's vars are part of it. */
    private static boolean readsVars(String text, Map<String, String> called) {
        if (text.contains("var(")) {
            return true;
        }
        for (String body : called.values()) {
            if (body.contains("var(")) {
                return true;
            }
        }
        return false;
    }

    private static String keyOf(String type, String path, String name) {
        return type + ":" + path + ":" + name;
    }

    private static String seedContent(SeedSource seed) {
        try {
            return Fingerprints.sha256(Files.readAllBytes(seed.file()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + seed.relativePath(), e);
        }
    }

    /** Key order does not matter in YAML: sorted at every level. */
    private static String canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, String> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted.toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ProjectFingerprints::canonical).toList().toString();
        }
        return String.valueOf(value);
    }
}
