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
        props.putAll(def.properties());
        if ("postgres".equals(def.type()) && !props.containsKey("ApplicationName")) {
            // names this session in pg_stat_activity, so a waiting deploy can say who holds the lock
            props.setProperty("ApplicationName", "warehouse-maven-plugin " + System.getProperty("user.name") + "@"
                    + hostName());
        }
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
            throw connectionFailure(target, url, cause);
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

    static WarehouseException connectionFailure(ResolvedTarget target, String url, Throwable cause) {
        TargetDefinition def = target.definition();
        String where = "duckdb".equals(def.type()) ? UrlMasking.scrub(url, def)
                : (def.host() == null ? "localhost" : def.host()) + ":" + (def.port() == null ? 5432 : def.port())
                        + (def.database() == null ? "" : "/" + def.database());
        if (def.url() != null) {
            where = UrlMasking.scrub(url, def);
        }
        String message = UrlMasking.scrub(String.valueOf(cause.getMessage()), def);
        String hint = message.toLowerCase().contains("password") || message.toLowerCase().contains("authentication")
                ? "Check the user and password for target '" + target.name() + "' (serverId in settings.xml, "
                        + "or the target's user/password)."
                : "Check that the database is running and reachable, and the target's host, port and database.";
        return new WarehouseException("Cannot connect to target '" + target.name() + "' (" + def.type() + " at "
                + where + (def.user() == null ? "" : " as " + def.user()) + "): " + message, hint, null);
    }
}
