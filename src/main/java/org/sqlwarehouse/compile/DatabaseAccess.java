package org.sqlwarehouse.compile;

import java.util.List;
import java.util.Optional;
import org.sqlwarehouse.dialect.ColumnDescription;

/**
 * What templates may ask of the target's database ({@code adapter.get_columns_in_relation},
 * {@code run_query}, {@code statement}, ...). A compile renders without one: {@link #PROBE} marks a
 * node as one to render when it is built; {@link #PARSE} answers as dbt's parse does, with nothing.
 * A failure is thrown as an unchecked exception whose message says what the database said.
 */
public interface DatabaseAccess {
    /** The relation's columns in order; empty when it does not exist. */
    List<ColumnDescription> columns(String schema, String identifier);

    /** table or view, when the relation exists. */
    Optional<String> relationType(String schema, String identifier);

    /** Runs a statement; its rows when fetch is true. */
    QueryResult execute(String sql, boolean fetch);

    void dropRelation(String schema, String identifier, String type);

    void createSchema(String schema);

    void dropSchema(String schema);

    boolean schemaExists(String schema);

    /** Rendering at compile time, execute true: the first question stops the render. */
    DatabaseAccess PROBE = new Unavailable(true);

    /** Rendering as dbt's parse does, execute false: every question has an empty answer. */
    DatabaseAccess PARSE = new Unavailable(false);

    /** No connection: see {@link #PROBE} and {@link #PARSE}. */
    final class Unavailable implements DatabaseAccess {
        private final boolean interrupt;

        private Unavailable(boolean interrupt) {
            this.interrupt = interrupt;
        }

        private void asked(String what) {
            if (interrupt) {
                throw new NeedsDatabase(what);
            }
        }

        @Override
        public List<ColumnDescription> columns(String schema, String identifier) {
            asked("adapter.get_columns_in_relation");
            return List.of();
        }

        @Override
        public Optional<String> relationType(String schema, String identifier) {
            asked("adapter.get_relation");
            return Optional.empty();
        }

        @Override
        public QueryResult execute(String sql, boolean fetch) {
            asked(fetch ? "a query (run_query or statement)" : "a statement");
            return QueryResult.EMPTY;
        }

        @Override
        public void dropRelation(String schema, String identifier, String type) {
            asked("adapter.drop_relation");
        }

        @Override
        public void createSchema(String schema) {
            asked("adapter.create_schema");
        }

        @Override
        public void dropSchema(String schema) {
            asked("adapter.drop_schema");
        }

        @Override
        public boolean schemaExists(String schema) {
            asked("adapter.check_schema_exists");
            return false;
        }
    }
}
