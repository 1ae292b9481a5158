package org.sqlwarehouse.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlwarehouse.project.DbtProject;
import org.sqlwarehouse.project.ModelSource;
import org.sqlwarehouse.project.SeedSource;
import org.sqlwarehouse.project.SnapshotSource;
import org.sqlwarehouse.project.SourceTable;

/**
 * Jinja in YAML, rendered as dbt renders it before a node is compiled: config values from
 * dbt_project.yml and property files ({@code +enabled: "{{ var('load_source_data', false) }}"}),
 * snapshots' configs from there too, and sources' database, schema and identifier. The context is
 * what dbt offers there (var, env_var, target), not the project's macros. Hooks are left for the node's own render, which
 * knows {@code this}.
 */
public final class YamlTemplates {
    /** Config keys whose templates the node's own render handles. */
    private static final Set<String> RENDERED_WITH_THE_NODE = Set.of("pre-hook", "post-hook", "pre_hook", "post_hook");

    private final TemplateRenderer renderer;
    private final CompileSettings settings;
    private final Map<String, Object> vars;
    private final List<String> problems = new ArrayList<>();

    private YamlTemplates(DbtProject project, CompileSettings settings) {
        Map<String, Object> globals = new HashMap<>();
        globals.put("target", TargetBinding.of(settings));
        globals.put("project_name", project.name());
        this.renderer = new TemplateRenderer(MacroSources.rootOnly(project.name(), List.of()), globals, settings.log());
        this.settings = settings;
        this.vars = new LinkedHashMap<>(project.settings().vars());
        this.vars.putAll(settings.cliVars());
    }

    /** The project with its YAML values rendered; the same project when none holds a template. */
    public static DbtProject render(DbtProject project, CompileSettings settings) throws CompileException {
        if (!holdsTemplates(project)) {
            return project;
        }
        YamlTemplates yaml = new YamlTemplates(project, settings);
        List<ModelSource> models = new ArrayList<>();
        for (ModelSource m : project.models()) {
            models.add(new ModelSource(m.name(), m.file(), m.relativePath(), m.fqn(), m.sql(),
                    yaml.config(m.relativePath(), m.config())));
        }
        List<SeedSource> seeds = new ArrayList<>();
        for (SeedSource s : project.seeds()) {
            seeds.add(new SeedSource(s.name(), s.file(), s.relativePath(), s.fqn(),
                    yaml.config(s.relativePath(), s.config())));
        }
        List<SnapshotSource> snapshots = new ArrayList<>();
        for (SnapshotSource s : project.snapshots()) {
            snapshots.add(new SnapshotSource(s.name(), s.relativePath(), s.fqn(), s.sql(),
                    yaml.config(s.relativePath(), s.config())));
        }
        Map<String, SourceTable> sources = new LinkedHashMap<>();
        for (Map.Entry<String, SourceTable> e : project.sources().entrySet()) {
            SourceTable t = e.getValue();
            sources.put(e.getKey(), new SourceTable(t.sourceName(), t.tableName(), yaml.text(t.file(), t.schema()),
                    yaml.text(t.file(), t.identifier()), yaml.text(t.file(), t.database()), t.file(),
                    t.eventTime()));
        }
        if (!yaml.problems.isEmpty()) {
            throw new CompileException(yaml.problems, "Fix the templates in the YAML files named above; nothing was run.");
        }
        return new DbtProject(project.directory(), project.settings(), models, seeds, sources, project.macros(),
                project.singularTests(), project.genericTests(), project.warnings(), project.packages(),
                project.unbuilt(), snapshots, project.docs(), project.unitTests());
    }

    private static boolean holdsTemplates(DbtProject project) {
        for (ModelSource m : project.models()) {
            if (holdsTemplate(m.config())) {
                return true;
            }
        }
        for (SeedSource s : project.seeds()) {
            if (holdsTemplate(s.config())) {
                return true;
            }
        }
        for (SnapshotSource s : project.snapshots()) {
            if (holdsTemplate(s.config())) {
                return true;
            }
        }
        for (SourceTable t : project.sources().values()) {
            if (isTemplate(t.schema()) || isTemplate(t.identifier()) || isTemplate(t.database())) {
                return true;
            }
        }
        return false;
    }

    private static boolean holdsTemplate(Object value) {
        if (value instanceof String s) {
            return isTemplate(s);
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!RENDERED_WITH_THE_NODE.contains(String.valueOf(e.getKey())) && holdsTemplate(e.getValue())) {
                    return true;
                }
            }
        }
        if (value instanceof List<?> l) {
            for (Object o : l) {
                if (holdsTemplate(o)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isTemplate(String s) {
        return s != null && (s.contains("{{") || s.contains("{%"));
    }

    private Map<String, Object> config(String file, Map<String, Object> config) {
        if (!holdsTemplate(config)) {
            return config;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        config.forEach((k, v) -> out.put(k, RENDERED_WITH_THE_NODE.contains(k) ? v : value(file, v)));
        return out;
    }

    private Object value(String file, Object value) {
        if (value instanceof String s && isTemplate(s)) {
            return nativeValue(text(file, s));
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), value(file, v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(value(file, v)));
            return out;
        }
        return value;
    }

    private String text(String file, String template) {
        if (!isTemplate(template)) {
            return template;
        }
        RenderState state = new RenderState(file, MutableCopies.ofMap(vars), settings.environment(), n -> null,
                n -> null, false, settings.log());
        // as dbt's parse: nothing here may ask the database
        state.database = DatabaseAccess.PARSE;
        String out = renderer.render(template, state, Map.of("execute", false)).strip();
        problems.addAll(state.problems);
        return out;
    }

    /** A value that was a template alone, as YAML would have read what it rendered: True, 3, None. */
    private static Object nativeValue(String rendered) {
        switch (rendered) {
            case "True", "true":
                return true;
            case "False", "false":
                return false;
            case "None", "":
                return null;
            default:
                if (rendered.matches("-?\\d{1,18}")) {
                    return Long.parseLong(rendered);
                }
                return rendered;
        }
    }
}
