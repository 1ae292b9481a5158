package org.sqlwarehouse.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.sqlwarehouse.WarehouseException;

/**
 * One deploy at a time per target schema. On PostgreSQL a session advisory lock, held by one
 * connection for the whole deploy and released by the server if the process dies; DuckDB's file
 * lock already keeps every other process out.
 */
public final class DeployLock implements AutoCloseable {
    /** First key of the two-key advisory lock: "WH", so the plugin's locks are recognisable. */
    private static final int LOCK_SPACE = 0x5748;

    private final Connection connection;
    private final String schema;

    private DeployLock(Connection connection, String schema) {
        this.connection = connection;
        this.schema = schema;
    }

    /**
     * Takes the lock of the target schema, waiting up to timeoutSeconds; then fails naming the
     * session that holds it.
     */
    public static DeployLock acquire(DataSource dataSource, String type, String schema, int timeoutSeconds)
            throws WarehouseException {
        if (!"postgres".equals(type)) {
            return new DeployLock(null, schema);
        }
        Connection c = null;
        try {
            c = dataSource.getConnection();
            long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
            while (true) {
                try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?, hashtext(?))")) {
                    ps.setInt(1, LOCK_SPACE);
                    ps.setString(2, schema);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getBoolean(1)) {
                            return new DeployLock(c, schema);
                        }
                    }
                }
                if (System.nanoTime() > deadline) {
                    String holder = holder(c, schema);
                    c.close();
                    throw new WarehouseException("Another deploy to schema " + schema + " holds its lock: " + holder
                            + ". Waited " + timeoutSeconds + " s.",
                            "Wait for it to finish, or raise -Dwarehouse.lockTimeout=<seconds>.");
                }
                Thread.sleep(500);
            }
        } catch (SQLException e) {
            closeQuietly(c);
            throw new WarehouseException("Cannot take the deploy lock of schema " + schema + ": " + e.getMessage());
        } catch (InterruptedException e) {
            closeQuietly(c);
            Thread.currentThread().interrupt();
            throw new WarehouseException("Interrupted while waiting for the deploy lock of schema " + schema + ".");
        }
    }

    /** Who holds the lock: the application name carries user and host, the server adds since when. */
    private static String holder(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select a.application_name, a.usename, a.client_addr,"
                + " a.backend_start from pg_locks l join pg_stat_activity a on a.pid = l.pid"
                + " where l.locktype = 'advisory' and l.granted and l.classid = ?::oid"
                + " and l.objid = ((hashtext(?)::bigint & 4294967295)::text)::oid and l.objsubid = 2")) {
            ps.setInt(1, LOCK_SPACE);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "a session that has just released it";
                }
                return "'" + rs.getString(1) + "' (database user " + rs.getString(2) + " from "
                        + (rs.getString(3) == null ? "a local socket" : rs.getString(3)) + ", since "
                        + rs.getTimestamp(4) + ")";
            }
        }
    }

    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("select pg_advisory_unlock(?, hashtext(?))")) {
            ps.setInt(1, LOCK_SPACE);
            ps.setString(2, schema);
            ps.execute();
        } catch (SQLException ignored) {
            // closing the session releases it as well
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
        }
    }
}
