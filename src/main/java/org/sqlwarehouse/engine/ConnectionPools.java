package org.sqlwarehouse.engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.SqlFailure;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.environment.TargetDefinition;

/** Opens a connection pool to a target, with errors that say where it tried and never the password. */
public final class ConnectionPools {
    private static final String HIKARI_LOG_LEVEL = "org.slf4j.simpleLogger.log.com.zaxxer.hikari";

    static {
        // Maven's SLF4J backend would print the pool's start and stop at INFO on every goal;
        // keep it to warnings unless the user configured it.
        if (System.getProperty(HIKARI_LOG_LEVEL) == null) {
            System.setProperty(HIKARI_LOG_LEVEL, "warn");
        }
    }

    private ConnectionPools() {
    }

    public static HikariDataSource open(ResolvedTarget target, Dialect dialect, Path projectDirectory)
            throws WarehouseException {
        TargetDefinition def = target.definition();
        String url = dialect.jdbcUrl(def, projectDirectory);
        HikariConfig config = new HikariConfig();
        config.setPoolName("warehouse-" + target.name());
        config.setDriverClassName(dialect.driverClassName());
        config.setJdbcUrl(url);
        // user and password go through the pool's own setters, which it masks in its debug log
        Properties props = new Properties();
        // names the sessions to the server, so that a waiting build can say who holds the lock
        props.putAll(dialect.sessionProperties("warehouse-maven-plugin " + System.getProperty("user.name") + "@"
                + hostName()));
        props.putAll(def.properties());
        config.setDataSourceProperties(props);
        if (def.user() != null) {
            config.setUsername(def.user());
        }
        if (def.password() != null) {
            config.setPassword(def.password());
        }
        // one connection per worker thread, one for the deploy lock, one for setup and promotion
        config.setMaximumPoolSize(target.threads() + 2);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(30_000);
        config.setInitializationFailTimeout(1);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try {
            // the driver lives in the plugin's class loader, not Maven's
            Thread.currentThread().setContextClassLoader(ConnectionPools.class.getClassLoader());
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException | IllegalArgumentException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            SqlFailure kind = cause instanceof SQLException sql ? dialect.classify(sql) : SqlFailure.OTHER;
            WarehouseException failure = connectionFailure(target, dialect, url, cause, kind);
            throw kind == SqlFailure.DATABASE_IN_USE ? new DatabaseInUseException(failure) : failure;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }

    /** Runs the dialect's version query: the database's own answer to "are you there?". */
    public static String serverVersion(HikariDataSource pool, Dialect dialect) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(dialect.versionQuery())) {
            rs.next();
            return rs.getString(1);
        }
    }

    static WarehouseException connectionFailure(ResolvedTarget target, Dialect dialect, String url, Throwable cause,
            SqlFailure kind) {
        TargetDefinition def = target.definition();
        String where = def.url() != null ? UrlMasking.scrub(url, def)
                : dialect.serverAddress(def).orElseGet(() -> UrlMasking.scrub(url, def));
        String message = UrlMasking.scrub(String.valueOf(cause.getMessage()), def);
        String hint = switch (kind) {
            case AUTHENTICATION -> "Check the user and password for target '" + target.name()
                    + "' (serverId in settings.xml, or the target's user/password).";
            case DATABASE_IN_USE -> "Wait for the process the message names to finish, or stop it.";
            default -> "Check that the database is running and reachable, and the target's host, port and database.";
        };
        return new WarehouseException("Cannot connect to target '" + target.name() + "' (" + def.type() + " at "
                + where + (def.user() == null ? "" : " as " + def.user()) + "): " + message, hint, null);
    }
}
