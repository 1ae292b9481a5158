package org.sqlwarehouse.engine;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.report.BuildLog;

/**
 * One build or deploy at a time per target schema: in-place builds, candidate builds, promotions
 * and rollbacks all take it, and wait for it up to the lock timeout. How the lock is held is the
 * dialect's (a PostgreSQL session advisory lock; for DuckDB, whose file lock keeps other processes
 * out, a lock within this JVM); this class waits, names the holder and releases.
 */
public final class DeployLock implements AutoCloseable {
    private final DataSource dataSource;
    private final Dialect dialect;
    private final Connection connection;
    private final String schema;

    private DeployLock(DataSource dataSource, Dialect dialect, Connection connection, String schema) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.connection = connection;
        this.schema = schema;
    }

    /**
     * Takes the lock of the target schema on a connection of its own, kept until {@link #close}. If
     * someone holds it, says who and waits up to timeoutSeconds; then fails naming the holder.
     */
    public static DeployLock acquire(DataSource dataSource, Dialect dialect, String schema, int timeoutSeconds,
            BuildLog log) throws WarehouseException {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            if (dialect.lockSchema(c, schema, Duration.ZERO)) {
                return new DeployLock(dataSource, dialect, c, schema);
            }
            log.info("Waiting up to " + timeoutSeconds + " s for the lock of schema " + schema + ", held by "
                    + dialect.schemaLockHolder(c, schema).orElse("a session that has just released it"));
            if (dialect.lockSchema(c, schema, Duration.ofSeconds(timeoutSeconds))) {
                return new DeployLock(dataSource, dialect, c, schema);
            }
            String holder = dialect.schemaLockHolder(c, schema).orElse("a session that has just released it");
            throw new WarehouseException("Another build or deploy of schema " + schema + " holds its lock: " + holder
                    + ". Waited " + timeoutSeconds + " s.",
                    "Wait for it to finish, or raise -Dwarehouse.lockTimeout=<seconds>.");
        } catch (SQLException e) {
            discard(dataSource, c);
            throw new WarehouseException("Cannot take the lock of schema " + schema + ": " + e.getMessage()
                    + (e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]"),
                    "Check the connection to the target; the lock needs no privilege beyond connecting.", e);
        } catch (InterruptedException e) {
            discard(dataSource, c);
            Thread.currentThread().interrupt();
            throw new WarehouseException("Interrupted while waiting for the lock of schema " + schema + ".");
        } catch (WarehouseException | RuntimeException e) {
            discard(dataSource, c);
            throw e;
        }
    }

    /** Releases the lock; the connection that held it is closed for good, not returned to the pool. */
    @Override
    public void close() {
        try {
            dialect.unlockSchema(connection, schema);
        } catch (SQLException ignored) {
            // ending the session below releases it as well
        } finally {
            discard(dataSource, connection);
        }
    }

    /**
     * Closes the connection itself rather than handing it back to the pool: the server then ends the
     * session and with it every session lock it holds, even if the unlock failed. A pooled session
     * still holding the lock would let the next acquire from this pool take it again unnoticed
     * (advisory locks are re-entrant within a session).
     */
    private static void discard(DataSource dataSource, Connection c) {
        if (c == null) {
            return;
        }
        if (dataSource instanceof HikariDataSource pool) {
            pool.evictConnection(c);
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to release
        }
    }
}
