package org.sqlwarehouse.compile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlwarehouse.graph.NameSuggester;
import org.sqlwarehouse.project.SnapshotSource;
import org.sqlwarehouse.project.UnitTestInput;
import org.sqlwarehouse.project.UnitTestSpec;

/**
 * Checks a project's unit tests at compile time, as dbt's parse does: the model exists, every input
 * is a node or source of the project, given once. A unit test of a disabled model, or disabled
 * itself, is left out.
 */
final class UnitTests {
    private UnitTests() {
    }

    static List<CompiledUnitTest> compile(CompileRun run, Map<String, Relation> relations, Map<String, String> uniqueIds,
            Map<String, String> materializations, Set<String> disabled) {
        List<UnitTestSpec> specs = run.project.unitTests();
        if (specs.isEmpty()) {
            return List.of();
        }
        Set<String> snapshots = new HashSet<>();
        for (SnapshotSource snapshot : run.project.snapshots()) {
            snapshots.add(snapshot.name());
        }
        UnitTestRendering rendering = new UnitTestRendering(run, relations, disabled, snapshots);
        String projectName = run.project.name();
        List<CompiledUnitTest> out = new ArrayList<>();
        for (UnitTestSpec spec : specs) {
            String where = spec.file() + ": unit test '" + spec.name() + "'";
            if (!spec.enabled() || disabled.contains(spec.model())) {
                continue;
            }
            if (rendering.upstream(spec.model()).orElse(null) != UnitTestRendering.Upstream.MODEL) {
                run.problems.add(where + " tests model '" + spec.model() + "', which is not a model of this project"
                        + NameSuggester.closest(spec.model(), uniqueIds.keySet()).map(n -> "; did you mean '" + n + "'?")
                                .orElse(""));
                continue;
            }
            Set<String> given = new HashSet<>();
            for (UnitTestInput input : spec.given()) {
                if (!given.add(input.kind() + ":" + input.name())) {
                    run.problems.add(where + " gives input " + input.input() + " twice");
                }
                if (input.kind() == UnitTestInput.Kind.REF && rendering.upstream(input.name()).isEmpty()) {
                    run.problems.add(where + ": input " + input.input() + " is not a model, seed or snapshot of this"
                            + " project" + NameSuggester.closest(input.name(), uniqueIds.keySet())
                                    .map(n -> "; did you mean '" + n + "'?").orElse(""));
                }
                if (input.kind() == UnitTestInput.Kind.SOURCE && !rendering.hasSource(input.name())) {
                    run.problems.add(where + ": input " + input.input() + " is not a declared source");
                }
            }
            out.add(new CompiledUnitTest("unit_test." + projectName + "." + spec.model() + "."
                    + spec.name(), spec, uniqueIds.get(spec.model()), "incremental".equals(materializations.get(spec.model())),
                    List.of(projectName, spec.model(), spec.name()), rendering));
        }
        return List.copyOf(out);
    }
}
