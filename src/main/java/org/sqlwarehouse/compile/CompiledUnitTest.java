package org.sqlwarehouse.compile;

import java.util.List;
import org.sqlwarehouse.project.UnitTestSpec;

/**
 * A unit test ready to run: its spec, the model it tests, and how to render that model (and the
 * model's upstream nodes) with every input replaced by a CTE of rows.
 *
 * @param uniqueId    {@code unit_test.<project>.<model>.<name>}, as dbt names it
 * @param incremental whether the model is incremental: is_incremental() is false unless overridden
 */
public record CompiledUnitTest(String uniqueId, UnitTestSpec spec, String modelUniqueId, boolean incremental,
        List<String> fqn, UnitTestRendering rendering) {

    public String name() {
        return spec.name();
    }

    public String model() {
        return spec.model();
    }
}
