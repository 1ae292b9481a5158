package org.sqlwarehouse.engine;

import java.sql.SQLException;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.environment.TargetDefinition;

/**
 * Turns a database failure into one the user can act on, keeping its SQLState and its cause chain
 * (for {@code mvn -e}) with every message scrubbed of the target's passwords (field, url, properties).
 */
public final class SqlFailures {
    private SqlFailures() {
    }

    /**
     * "Could not &lt;what&gt; on target 'x': &lt;server message&gt; [SQLState s]", caused by a
     * scrubbed copy of the SQLException.
     */
    public static WarehouseException failure(String what, TargetDefinition target, SQLException e) {
        return failure(what, target, e, null);
    }

    public static WarehouseException failure(String what, TargetDefinition target, SQLException e, String hint) {
        return new WarehouseException("Could not " + what + " on target '" + target.name() + "': "
                + UrlMasking.scrub(describe(e), target), hint, scrubbed(e, target));
    }

    /** The server's message with its SQLState, as a failed node reports it (scrub it before printing). */
    public static String describe(SQLException e) {
        return e.getSQLState() == null ? String.valueOf(e.getMessage())
                : e.getMessage() + " [SQLState " + e.getSQLState() + "]";
    }

    /** A copy of the exception and its causes with the password removed from every message. */
    public static SQLException scrubbed(SQLException e, TargetDefinition target) {
        SQLException copy = new SQLException(UrlMasking.scrub(e.getMessage(), target), e.getSQLState(),
                e.getErrorCode());
        copy.setStackTrace(e.getStackTrace());
        Throwable cause = e.getCause();
        if (cause instanceof SQLException sql && cause != e) {
            copy.initCause(scrubbed(sql, target));
        } else if (cause != null) {
            RuntimeException plain = new RuntimeException(cause.getClass().getName() + ": "
                    + UrlMasking.scrub(cause.getMessage(), target));
            plain.setStackTrace(cause.getStackTrace());
            copy.initCause(plain);
        }
        return copy;
    }
}
