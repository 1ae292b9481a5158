package org.sqlwarehouse.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * The schema lock on PostgreSQL: a session-level advisory lock per schema, which every build and
 * deploy into the schema takes, and what pg_locks says of its holder and its waiters.
 */
final class PostgresSchemaLocks {
    /**
     * First key of the two-key advisory lock of a schema: "WH", so that the plugin's locks are
     * recognisable in pg_locks. The second key is hashtext(schema).
     */
    private static final int LOCK_SPACE = 0x5748;

    private PostgresSchemaLocks() {
    }

    /**
     * A session advisory lock, which the server releases if the session ends (a killed build leaves
     * no lock behind). The wait is the server's own (pg_advisory_lock under lock_timeout), not a
     * polling loop: waiters are queued in order, the next one gets the lock the moment it is
     * released, and each waiter shows in pg_locks as not granted.
     */
    static boolean lock(Connection connection, String schema, Duration wait) throws SQLException {
        if (wait.isZero() || wait.isNegative()) {
            try (PreparedStatement ps = connection.prepareStatement("select pg_try_advisory_lock(?, hashtext(?))")) {
                ps.setInt(1, LOCK_SPACE);
                ps.setString(2, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        }
        String previous;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("show lock_timeout")) {
            rs.next();
            previous = rs.getString(1);
        }
        setLockTimeout(connection, Math.min(Math.max(wait.toMillis(), 1), Integer.MAX_VALUE) + "ms");
        try (PreparedStatement ps = connection.prepareStatement("select pg_advisory_lock(?, hashtext(?))")) {
            ps.setInt(1, LOCK_SPACE);
            ps.setString(2, schema);
            ps.execute();
            return true;
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                // lock_not_available: the wait ran out
                return false;
            }
            throw e;
        } finally {
            setLockTimeout(connection, previous);
        }
    }

    private static void setLockTimeout(Connection connection, String value) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select set_config('lock_timeout', ?, false)")) {
            ps.setString(1, value);
            ps.execute();
        }
    }

    static void unlock(Connection connection, String schema) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select pg_advisory_unlock(?, hashtext(?))")) {
            ps.setInt(1, LOCK_SPACE);
            ps.setString(2, schema);
            ps.execute();
        }
    }

    /** The schema's advisory lock in pg_locks: this database, the two-int4 key form (objsubid 2). */
    private static final String SCHEMA_LOCK = "l.locktype = 'advisory' and l.classid = ?::oid"
            + " and l.objid = ((hashtext(?)::bigint & 4294967295)::text)::oid and l.objsubid = 2"
            + " and l.database = (select oid from pg_database where datname = current_database())";

    /** The application name carries user and host (see sessionProperties); the server adds since when. */
    static Optional<String> holder(Connection connection, String schema) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select a.application_name, a.usename, a.client_addr,"
                + " a.backend_start, a.pid from pg_locks l join pg_stat_activity a on a.pid = l.pid"
                + " where l.granted and " + SCHEMA_LOCK)) {
            ps.setInt(1, LOCK_SPACE);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of("'" + rs.getString(1) + "' (database user " + rs.getString(2) + " from "
                        + (rs.getString(3) == null ? "a local socket" : rs.getString(3)) + ", server process "
                        + rs.getInt(5) + ", connected since " + rs.getTimestamp(4) + ")");
            }
        }
    }

    static int waiters(Connection connection, String schema) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select count(*) from pg_locks l where not l.granted"
                + " and " + SCHEMA_LOCK)) {
            ps.setInt(1, LOCK_SPACE);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
