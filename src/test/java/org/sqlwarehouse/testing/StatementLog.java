package org.sqlwarehouse.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A real connection that also notes the SQL of every statement it runs and every commit, so a test
 * can tell how the engine talked to the database. It changes nothing of what the database does.
 */
public final class StatementLog {
    private final List<String> statements = Collections.synchronizedList(new ArrayList<>());

    /** The connection, noting what runs through it. */
    public Connection wrap(Connection real) {
        return (Connection) Proxy.newProxyInstance(StatementLog.class.getClassLoader(),
                new Class<?>[] {Connection.class}, passThrough(real, (method, args) -> {
                    if (method.getName().equals("prepareStatement") || method.getName().equals("commit")) {
                        statements.add(method.getName().equals("commit") ? "commit" : (String) args[0]);
                    }
                }, true));
    }

    /** The SQL run so far (prepared statements by their text), and "commit" for each commit. */
    public List<String> statements() {
        synchronized (statements) {
            return List.copyOf(statements);
        }
    }

    public void clear() {
        statements.clear();
    }

    private interface Note {
        void note(Method method, Object[] args);
    }

    private InvocationHandler passThrough(Object real, Note note, boolean isConnection) {
        return (proxy, method, args) -> {
            note.note(method, args);
            Object result;
            try {
                result = method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (isConnection && method.getName().equals("createStatement")) {
                return Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] {Statement.class},
                        passThrough(result, (m, a) -> {
                            if (m.getName().startsWith("execute") && a != null && a.length > 0
                                    && a[0] instanceof String sql) {
                                statements.add(sql);
                            }
                        }, false));
            }
            return result;
        };
    }
}
