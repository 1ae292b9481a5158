package org.sqlwarehouse.dialect;

/**
 * The service-provider interface through which a database joins: list the implementation in
 * {@code META-INF/services/org.sqlwarehouse.dialect.DialectProvider} on the plugin's classpath (add
 * the jar as a dependency of the plugin in the POM).
 */
public interface DialectProvider {
    /** The target {@code <type>} served, e.g. "snowflake". */
    String type();

    Dialect create();
}
