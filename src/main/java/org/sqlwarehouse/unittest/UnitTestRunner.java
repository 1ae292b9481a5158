package org.sqlwarehouse.unittest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sqlwarehouse.compile.CompiledUnitTest;
import org.sqlwarehouse.compile.DatabaseAccess;
import org.sqlwarehouse.compile.UnitTestRendering;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.project.UnitTestInput;
import org.sqlwarehouse.project.UnitTestRows;
import org.sqlwarehouse.report.NodeResult;
import org.sqlwarehouse.report.NodeStatus;

/**
 * Runs unit tests on one connection, creating nothing: each is one query of the model with its
 * inputs replaced by CTEs of mock rows, beside the expected rows cast to the model's column types;
 * the two sets of rows must be equal. See dbt's unit materialization, which this follows.
 */
public final class UnitTestRunner {
    private static final String SIDE_COLUMN = "actual_or_expected";

    private final Connection connection;
    private final Dialect dialect;
    private final DatabaseAccess database;
    /** Input columns are worked out once per rendering (one per compile), for every test. */
    private final Map<UnitTestRendering, InputColumns> inputColumns = new IdentityHashMap<>();

    /** @param database what a model's template may ask while it renders: the same connection */
    public UnitTestRunner(Connection connection, Dialect dialect, DatabaseAccess database) {
        this.connection = connection;
        this.dialect = dialect;
        this.database = database;
    }

    public NodeResult run(CompiledUnitTest test) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        String sql = null;
        NodeStatus status;
        String message;
        try {
            sql = sql(test);
            RowComparison comparison = compare(sql);
            status = comparison.matches() ? NodeStatus.PASS : NodeStatus.FAIL;
            message = comparison.matches() ? null : comparison.diff();
        } catch (SetupFailure e) {
            status = NodeStatus.ERROR;
            message = e.getMessage();
        } catch (SQLException e) {
            status = NodeStatus.ERROR;
            message = e.getMessage();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new NodeResult(test.uniqueId(), "unit_test", status, seconds, null, test.model() + "." + test.name(),
                "unit", message, test.spec().file(), null, null, sql, null,
                new NodeResult.Execution(Thread.currentThread().getName(), started, Instant.now()));
    }

    /** The test's query: the model over its mock inputs, and the expected rows, side by side. */
    String sql(CompiledUnitTest test) throws SetupFailure, SQLException {
        UnitTestRendering rendering = test.rendering();
        InputColumns columns = inputColumns.computeIfAbsent(rendering,
                r -> new InputColumns(connection, dialect, r, database));
        boolean thisGiven = test.spec().given().stream().anyMatch(i -> i.kind() == UnitTestInput.Kind.THIS);
        UnitTestRendering.Rendered rendered = rendering.render(test.model(), test.spec().overrides(), thisGiven, false,
                database);
        if (!rendered.problems().isEmpty()) {
            throw new SetupFailure(String.join("\n", rendered.problems()));
        }
        Map<String, String> ctes = new LinkedHashMap<>();
        List<String> guessed = new ArrayList<>();
        for (String ref : rendered.refs()) {
            ctes.put(UnitTestRendering.cteName(ref), inputSql(test, UnitTestInput.Kind.REF, ref, columns, guessed));
        }
        for (String source : rendered.sources()) {
            ctes.put(UnitTestRendering.cteName(source), inputSql(test, UnitTestInput.Kind.SOURCE, source, columns, guessed));
        }
        if (thisGiven) {
            ctes.put(UnitTestRendering.thisCte(), inputSql(test, UnitTestInput.Kind.THIS, test.model(), columns, guessed));
        }
        String main = UnitTestRendering.withInputs(rendered.sql(), ctes);
        List<TypedColumn> actual;
        try {
            actual = QueryColumns.of(connection, main);
        } catch (SQLException e) {
            throw new SetupFailure(e.getMessage() + (guessed.isEmpty() ? ""
                    : "\nThe columns of " + String.join("; ", guessed)));
        }
        return comparisonSql(test, main, actual);
    }

    /** An input's rows as a query: the test's rows, or a seed's own when the test does not give it. */
    private String inputSql(CompiledUnitTest test, UnitTestInput.Kind kind, String name, InputColumns columns,
            List<String> guessed) throws SetupFailure {
        UnitTestInput input = test.spec().given().stream().filter(i -> i.kind() == kind
                && (kind == UnitTestInput.Kind.THIS || i.name().equals(name)))
                .findFirst().orElse(null);
        String what = kind == UnitTestInput.Kind.SOURCE ? "source('" + name.replace(".", "', '") + "')"
                : kind == UnitTestInput.Kind.THIS ? "this" : "ref('" + name + "')";
        if (input == null) {
            if (kind == UnitTestInput.Kind.REF && test.rendering().upstream(name).orElse(null)
                    == UnitTestRendering.Upstream.SEED) {
                SeedRows seed = SeedRows.read(test.rendering().seed(name).orElseThrow(), dialect);
                return FixtureSql.of(seed.columns(), seed.rows(), dialect, "'" + name + "'");
            }
            throw new SetupFailure("model '" + test.model() + "' reads " + what + ", which the unit test does not give."
                    + " Add it under given: (- input: " + what + " with rows: [] for no rows).");
        }
        UnitTestRows rows = input.rows();
        if (rows.isSql()) {
            return rows.sql();
        }
        List<TypedColumn> typed;
        try {
            typed = kind == UnitTestInput.Kind.SOURCE ? columns.ofSource(name) : columns.ofRef(name);
        } catch (SetupFailure unknown) {
            // what the rows themselves say: enough when they list every column the model reads
            typed = SeedRows.typesOf(rows.rows(), dialect);
            guessed.add(what + " were taken from its mock rows alone: " + unknown.getMessage());
        }
        return FixtureSql.of(typed, rows.rows(), dialect, "'" + (kind == UnitTestInput.Kind.THIS ? test.model() : name) + "'");
    }

    private String comparisonSql(CompiledUnitTest test, String main, List<TypedColumn> actual) throws SetupFailure {
        UnitTestRows expect = test.spec().expect();
        Map<String, TypedColumn> byName = new LinkedHashMap<>();
        for (TypedColumn column : actual) {
            byName.putIfAbsent(column.name().toLowerCase(Locale.ROOT), column);
        }
        List<TypedColumn> compared = new ArrayList<>();
        for (Map<String, Object> row : expect.rows()) {
            for (String column : row.keySet()) {
                TypedColumn known = byName.get(column.toLowerCase(Locale.ROOT));
                if (known == null) {
                    throw new SetupFailure("Invalid column name: '" + column + "' in unit test fixture for expected"
                            + " output. Accepted columns for expected output are: "
                            + actual.stream().map(TypedColumn::name).toList());
                }
                if (!compared.contains(known)) {
                    compared.add(known);
                }
            }
        }
        if (compared.isEmpty()) {
            compared.addAll(actual);
        }
        String expectedSql = expect.isSql() ? expect.sql() : FixtureSql.of(compared, expect.rows(), dialect,
                "expected output");
        String selected = String.join(", ", compared.stream().map(c -> dialect.quote(c.name())).toList());
        return "-- unit test " + test.uniqueId() + "\n"
                + "with dbt_internal_unit_test_actual as (\n  select " + selected + ", 'actual' as "
                + dialect.quote(SIDE_COLUMN) + "\n  from (\n" + QueryColumns.withoutTrailingSemicolon(main)
                + "\n  ) _dbt_internal_unit_test_actual\n),\n"
                + "dbt_internal_unit_test_expected as (\n  select " + selected + ", 'expected' as "
                + dialect.quote(SIDE_COLUMN) + "\n  from (\n" + QueryColumns.withoutTrailingSemicolon(expectedSql)
                + "\n  ) _dbt_internal_unit_test_expected\n)\n"
                + "select * from dbt_internal_unit_test_actual\nunion all\nselect * from dbt_internal_unit_test_expected";
    }

    private RowComparison compare(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            List<String> names = new ArrayList<>();
            for (int i = 1; i < n; i++) {
                names.add(rs.getMetaData().getColumnLabel(i));
            }
            RowComparison comparison = new RowComparison(names);
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n - 1);
                for (int i = 1; i < n; i++) {
                    row.add(rs.getObject(i));
                }
                if ("actual".equals(rs.getString(n))) {
                    comparison.actual(row);
                } else {
                    comparison.expected(row);
                }
            }
            return comparison;
        }
    }
}
