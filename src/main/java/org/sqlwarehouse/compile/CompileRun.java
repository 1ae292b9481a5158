package org.sqlwarehouse.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.sqlwarehouse.project.DbtProject;

/** One compile's working state: the project, its settings and renderer, and the problems found so far. */
final class CompileRun {
    final DbtProject project;
    final CompileSettings settings;
    final TemplateRenderer renderer;
    final Map<String, Object> vars;
    final List<String> problems = new ArrayList<>();
    final Map<String, Relation> sources = new HashMap<>();
    /** The target's database, as relations report it. */
    final String database;
    final RelationNaming naming;

    CompileRun(DbtProject project, CompileSettings settings, TemplateRenderer renderer, Map<String, Object> vars,
            String database) {
        this.project = project;
        this.settings = settings;
        this.renderer = renderer;
        this.vars = vars;
        this.database = database;
        this.naming = new RelationNaming(renderer, settings, database, label -> state(label, n -> null, false),
                problems);
    }

    Relation relation(String schema, String identifier, String type) {
        return Relation.of(settings.dialect(), database, schema, identifier, type);
    }

    RenderState state(String file, Function<String, Relation> refs, boolean incremental) {
        return new RenderState(file, MutableCopies.ofMap(vars), settings.environment(), refs, sources::get,
                incremental, settings.log());
    }
}
