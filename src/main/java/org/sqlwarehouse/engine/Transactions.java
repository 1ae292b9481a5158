package org.sqlwarehouse.engine;

import java.sql.Connection;
import java.sql.SQLException;
import org.sqlwarehouse.WarehouseException;

/**
 * The one way the plugin runs work in a transaction: commit on success; on failure roll back and
 * rethrow the original exception, with a failing rollback attached to it rather than hiding it;
 * autocommit restored either way. Work on a connection already inside a transaction joins it: the
 * caller that opened it commits or rolls back.
 */
public final class Transactions {

    /** Work run inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException, WarehouseException;
    }

    /** Work without a result. */
    @FunctionalInterface
    public interface VoidWork {
        void run(Connection connection) throws SQLException, WarehouseException;
    }

    private Transactions() {
    }

    public static void run(Connection c, VoidWork work) throws SQLException, WarehouseException {
        call(c, connection -> {
            work.run(connection);
            return null;
        });
    }

    /** As {@link #run}, for work that throws SQLException only. */
    public static void runSql(Connection c, SqlWork work) throws SQLException {
        try {
            run(c, work::run);
        } catch (WarehouseException e) {
            throw new IllegalStateException("SQL-only work threw a WarehouseException", e);
        }
    }

    /** Work that throws SQLException only. */
    @FunctionalInterface
    public interface SqlWork {
        void run(Connection connection) throws SQLException;
    }

    /** Work with a result that throws SQLException only. */
    @FunctionalInterface
    public interface SqlCall<T> {
        T run(Connection connection) throws SQLException;
    }

    /** As {@link #call}, for work that throws SQLException only. */
    public static <T> T callSql(Connection c, SqlCall<T> work) throws SQLException {
        try {
            return call(c, work::run);
        } catch (WarehouseException e) {
            throw new IllegalStateException("SQL-only work threw a WarehouseException", e);
        }
    }

    public static <T> T call(Connection c, Work<T> work) throws SQLException, WarehouseException {
        if (!c.getAutoCommit()) {
            return work.run(c);
        }
        c.setAutoCommit(false);
        Throwable failure = null;
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | WarehouseException | RuntimeException | Error e) {
            failure = e;
            try {
                c.rollback();
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException restoreFailed) {
                if (failure == null) {
                    throw restoreFailed;
                }
                failure.addSuppressed(restoreFailed);
            }
        }
    }
}
