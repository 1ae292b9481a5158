package org.sqlwarehouse.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.sqlwarehouse.project.DbtProject;
import org.sqlwarehouse.report.BuildLog;

/** One compile's working state: the project, its settings and renderer, and the problems found so far. */
final class CompileRun {
    final DbtProject project;
    final CompileSettings settings;
    final TemplateRenderer renderer;
    /** Which project each node's file belongs to, and the vars its templates see. */
    final NodePackages packages;
    final List<String> problems = new ArrayList<>();
    final Map<String, Relation> sources = new HashMap<>();
    /** The target's database, as relations report it. */
    final String database;
    final RelationNaming naming;

    CompileRun(DbtProject project, CompileSettings settings, TemplateRenderer renderer, NodePackages packages,
            String database) {
        this.project = project;
        this.settings = settings;
        this.renderer = renderer;
        this.packages = packages;
        this.database = database;
        this.naming = new RelationNaming(renderer, settings, database, label -> state(label, n -> null, false),
                problems);
    }

    Relation relation(String schema, String identifier, String type) {
        return Relation.of(settings.dialect(), database, schema, identifier, type);
    }

    RenderState state(String file, Function<String, Relation> refs, boolean incremental) {
        return state(file, refs, incremental, settings.log());
    }

    /**
     * A render's state for a node of this file: the vars of its project (each render gets vars of its
     * own: one template's changes reach no other, on any thread), and its package, whose macros its
     * template calls bare ahead of the root project's, as in dbt.
     */
    RenderState state(String file, Function<String, Relation> refs, boolean incremental, BuildLog log) {
        RenderState state = new RenderState(file, MutableCopies.ofMap(packages.varsOf(file)), settings.environment(),
                refs, sources::get, incremental, log);
        NodePackages.Scope scope = packages.packageOf(file);
        state.nodePackage = scope == null ? null : scope.name();
        return state;
    }

    /** The project (root or package) a node of this file belongs to: the middle of its unique id. */
    String projectOf(String file) {
        return packages.projectOf(file);
    }
}
