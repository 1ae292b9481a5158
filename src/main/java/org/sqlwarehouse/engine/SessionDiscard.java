package org.sqlwarehouse.engine;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * A pooled connection whose session a node changed (its sql_header set a setting or made a
 * temporary function) is closed when given back, so that the next node starts from the target's
 * own session, not from another model's settings.
 */
final class SessionDiscard {
    private SessionDiscard() {
    }

    /** @param connection one already given back: asked while in use, Hikari would close it at once */
    static void afterUse(DataSource pool, Connection connection) {
        if (pool instanceof HikariDataSource hikari) {
            hikari.evictConnection(connection);
        }
    }
}
