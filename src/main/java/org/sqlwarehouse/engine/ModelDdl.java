package org.sqlwarehouse.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.project.Materialization;

/**
 * The statements that create a model's relation: create table/view as, or for a table under an
 * enforced contract the table with its declared columns and constraints, filled by an insert.
 */
public final class ModelDdl {
    private final Dialect dialect;
    private final ModelContract.Table contract;
    private final String model;
    private final Consumer<String> warn;

    private ModelDdl(Dialect dialect, ModelContract.Table contract, String model, Consumer<String> warn) {
        this.dialect = dialect;
        this.contract = contract;
        this.model = model;
        this.warn = warn;
    }

    /** Plain create table/view as, with nothing before it. */
    public static ModelDdl plain(Dialect dialect) {
        return new ModelDdl(dialect, null, null, message -> { });
    }

    /**
     * @param contract the checked contract a table is created with, or null
     * @param warn     receives the constraints left out
     */
    static ModelDdl of(Dialect dialect, ModelContract.Table contract, String model, Consumer<String> warn) {
        return new ModelDdl(dialect, contract, model, warn);
    }

    /**
     * How the model's relation is created: under an enforced contract the query is checked first (a
     * mismatch fails before anything changes) and a table gets the declared columns; a view's
     * contract is its columns alone, as in dbt.
     */
    static ModelDdl forModel(Connection c, Dialect dialect, CompiledNode node, Consumer<String> warn)
            throws SQLException, WarehouseException {
        if (!ModelContract.enforced(node)) {
            return plain(dialect);
        }
        ModelContract.Table checked = ModelContract.check(c, dialect, node, node.compiledSql());
        return of(dialect, node.materialization() == Materialization.VIEW ? null : checked, node.name(), warn);
    }

    /** Whether creating takes one statement: a failure then leaves nothing half made without a transaction. */
    boolean singleStatement() {
        return contract == null;
    }

    /** Creates the model's table: under its contract's columns when it has one. */
    void createTable(Connection c, String schema, String name, String selectSql) throws SQLException {
        List<String> statements = new ArrayList<>();
        if (contract != null) {
            statements.addAll(ModelContract.createTable(dialect, contract, schema, name, selectSql, model, warn));
        } else {
            statements.add(dialect.createTableAsSql(schema, name, selectSql));
        }
        run(c, statements);
    }

    void createView(Connection c, String schema, String name, String selectSql, boolean orReplace)
            throws SQLException {
        List<String> statements = new ArrayList<>();
        statements.add(orReplace ? dialect.createOrReplaceViewSql(schema, name, selectSql)
                : dialect.createViewSql(schema, name, selectSql));
        run(c, statements);
    }

    private static void run(Connection c, List<String> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
