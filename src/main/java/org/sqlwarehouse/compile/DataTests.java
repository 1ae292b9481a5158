package org.sqlwarehouse.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.sqlwarehouse.environment.DevSchemaNaming;
import org.sqlwarehouse.environment.ShortNames;
import org.sqlwarehouse.project.ConfigTree;
import org.sqlwarehouse.project.GenericTestSpec;
import org.sqlwarehouse.project.Materialization;
import org.sqlwarehouse.project.ResourceType;
import org.sqlwarehouse.project.UnbuiltNode;

/** Data tests as nodes: generic tests of property files rendered through their test_ macro, and where tests keep failing rows. */
final class DataTests {
    /** A property-file argument that is itself a ref() or source() call, handed to the macro as one. */
    private static final Pattern CALL_EXPRESSION = Pattern.compile("^\\s*(ref|source)\\s*\\(.*\\)\\s*$",
            Pattern.DOTALL);

    private DataTests() {
    }

    /** A generic test from a property file, rendered through its test_ macro. */
    static CompiledNode generic(CompileRun run, GenericTestSpec spec, Map<String, Relation> relations,
            Map<String, String> uniqueIds, Set<String> disabled, Map<String, List<String>> ephemeralReads,
            Map<String, RenderAtRun> rendersAtRun) {
        if (RenderFacts.isDisabled(spec.config())) {
            return null;
        }
        Relation tested;
        List<String> dependsOn = new ArrayList<>();
        if ("source".equals(spec.targetKind())) {
            tested = run.sources.get(spec.targetName());
        } else {
            if (disabled.contains(spec.targetName())) {
                return null;
            }
            tested = relations.get(spec.targetName());
            if (tested != null) {
                dependsOn.add(uniqueIds.get(spec.targetName()));
            }
        }
        if (tested == null) {
            // a warning, as in dbt: the property file may describe a model that was removed or renamed
            UnbuiltNode node = run.project.unbuilt().get(spec.targetName());
            run.settings.log().warn(spec.file() + ": test '" + spec.testName() + "' is attached to "
                    + spec.targetKind() + " '" + spec.targetName() + "', which " + (node == null ? "does not exist"
                            : "is " + node.kind().described() + " (" + node.file() + "), not built")
                    + "; the test is left out");
            return null;
        }
        NodePackages.Scope scope = run.packages.packageOf(spec.file());
        String macro = run.renderer.genericTestMacro(spec.testName(), scope == null ? null : scope.name());
        if (macro == null) {
            run.problems.add(spec.file() + ": unknown generic test '" + spec.testName() + "' on " + spec.targetName()
                    + "; " + run.renderer.unknownTestHint(spec.testName()));
            return null;
        }
        Map<String, Object> testConfig = renderValues(run, spec.file(), spec.config(), relations);
        Object where = testConfig.get("where");
        Relation model = where == null ? tested : new Relation(tested.getSchema(), tested.getIdentifier(),
                "(select * from " + tested + " where " + where + ") dbt_subquery");
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("__wh_model", model);
        StringBuilder call = new StringBuilder("{{ ").append(macro).append("(model=__wh_model");
        if (spec.columnName() != null) {
            bindings.put("__wh_column", spec.columnName());
            call.append(", column_name=__wh_column");
        }
        int i = 0;
        for (Map.Entry<String, Object> arg : renderValues(run, spec.file(), spec.arguments(), relations).entrySet()) {
            if (arg.getValue() instanceof String s && CALL_EXPRESSION.matcher(s).matches()) {
                call.append(", ").append(arg.getKey()).append('=').append(s.strip());
            } else {
                String var = "__wh_arg_" + i++;
                bindings.put(var, arg.getValue());
                call.append(", ").append(arg.getKey()).append('=').append(var);
            }
        }
        call.append(") }}");
        CompileRenders.Rendered test = CompileRenders.render(run.renderer, call.toString(), () -> {
            RenderState fresh = run.state(spec.file(), relations::get, false);
            fresh.written = true;
            // the property file's config, as should_store_failures() sees it
            fresh.configCalls.putAll(testConfig);
            return fresh;
        }, bindings);
        RenderState state = test.state();
        String rendered = test.sql();
        run.problems.addAll(state.problems);
        for (String id : RenderFacts.dependencies(run, spec.file(), state, uniqueIds, relations.keySet(), disabled)) {
            if (!dependsOn.contains(id)) {
                dependsOn.add(id);
            }
        }
        String name = GenericTestNames.of(spec);
        String id = ResourceType.TEST.id() + "." + run.projectOf(spec.file()) + "." + name + "."
                + GenericTestNames.shortHash(spec.toString());
        List<String> reads = RenderFacts.refNames(state);
        if (!"source".equals(spec.targetKind())) {
            // the tested model is handed in, not ref()'d: an ephemeral one still needs its CTE
            reads.add(spec.targetName());
        }
        ephemeralReads.put(id, reads);
        // the test macro's config() calls (dbt_utils sets fail_calc so), under the property file's config
        Map<String, Object> config = new LinkedHashMap<>();
        state.configCalls.forEach((k, v) -> ConfigTree.merge(config, k, v));
        testConfig.forEach((k, v) -> ConfigTree.merge(config, k, v));
        RenderAtRun atRun = null;
        if (state.needsDatabase != null) {
            atRun = new RenderAtRun(state.needsDatabase, run.renderer, new RenderAtRun.Templates(call.toString(), false,
                    bindings, List.of(), List.of(), Set.copyOf(RenderFacts.refNames(state))), incremental -> {
                        RenderState fresh = run.state(spec.file(), relations::get, false);
                        fresh.written = true;
                        fresh.configCalls.putAll(testConfig);
                        return fresh;
                    });
            rendersAtRun.put(id, atRun);
        }
        return CompiledNode.builder(id, ResourceType.TEST, name).originalFilePath(spec.file()).renderAtRun(atRun)
                .storeFailuresIn(auditRelation(run, name, config, List.of(run.projectOf(spec.file()), name), spec.file()))
                .fqn(List.of(run.projectOf(spec.file()), name)).config(config).materialization(Materialization.TEST)
                .relation(tested).compiledSql(rendered.strip()).dependsOn(dependsOn).sources(RenderFacts.sourceKeys(state))
                .compiledPath(run.packages.inItsProject(spec.file()) + "/" + name + ".sql").build();
    }

    /**
     * Property-file values with Jinja in them ({@code where: "status = '{{ var('s') }}'"}) rendered as
     * dbt renders them; ref()/source() calls are left for the test's own render, which resolves them.
     */
    private static Map<String, Object> renderValues(CompileRun run, String file, Map<String, Object> values,
            Map<String, Relation> relations) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            if (v instanceof String s && (s.contains("{{") || s.contains("{%"))
                    && !CALL_EXPRESSION.matcher(s).matches()) {
                RenderState state = run.state(file, relations::get, false);
                v = run.renderer.render(s, state, Map.of());
                run.problems.addAll(state.problems);
            }
            out.put(e.getKey(), v);
        }
        return out;
    }

    /**
     * Where a data test with store_failures keeps its failing rows, as dbt: a table named after the test
     * in the schema generate_schema_name gives its schema config, dbt_test__audit unless it sets one.
     */
    static Relation auditRelation(CompileRun run, String testName, Map<String, Object> config, List<String> fqn,
            String file) {
        if (!org.sqlwarehouse.jinja.Py.truthy(config.getOrDefault("store_failures", false))) {
            return null;
        }
        Map<String, Object> audit = new LinkedHashMap<>(config);
        audit.putIfAbsent("schema", "dbt_test__audit");
        audit.put("materialized", "table");
        audit.remove("alias");
        String name = config.get("alias") == null ? testName : String.valueOf(config.get("alias"));
        Relation relation = run.naming.relationFor(name, audit, "test", fqn, file);
        return run.relation(relation.getSchema(), org.sqlwarehouse.environment.ShortNames.fit(relation.getIdentifier(),
                org.sqlwarehouse.environment.DevSchemaNaming.MAX_IDENTIFIER_BYTES), "table");
    }
}
