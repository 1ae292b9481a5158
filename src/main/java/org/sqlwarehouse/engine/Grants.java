package org.sqlwarehouse.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.Dialect;

/**
 * dbt's {@code grants} config ({@code grants: {select: [reporter, bi]}}): the privileges given on a
 * relation every time it is built, to the new relation before it takes the old one's place, so that
 * a reader never loses access. Grantees are role names as written (quoted, so case counts).
 */
public final class Grants {
    /** A privilege is words (select, insert, ..., all privileges): nothing else reaches the SQL. */
    private static final Pattern PRIVILEGE = Pattern.compile("[a-z]+( [a-z]+)*");

    private final Map<String, List<String>> byPrivilege;

    private Grants(Map<String, List<String>> byPrivilege) {
        this.byPrivilege = byPrivilege;
    }

    /** The grants a node's config asks for; none when it has no grants config. */
    public static Grants of(Map<String, Object> config, String file) throws WarehouseException {
        Object value = config.get("grants");
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (value == null) {
            return new Grants(out);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new WarehouseException(file + ": grants must map privileges to roles, e.g. grants: {select: "
                    + "[reporter]}; found " + value);
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String privilege = String.valueOf(e.getKey()).strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            if (!PRIVILEGE.matcher(privilege).matches()) {
                throw new WarehouseException(file + ": '" + e.getKey() + "' is not a privilege",
                        "Name privileges as the database does, e.g. select, insert, all privileges.");
            }
            List<String> grantees = new ArrayList<>();
            Object roles = e.getValue();
            Collection<?> listed = roles == null ? List.of()
                    : roles instanceof Collection<?> many ? many : List.of(roles);
            for (Object role : listed) {
                String name = String.valueOf(role).strip();
                if (!name.isEmpty() && !grantees.contains(name)) {
                    grantees.add(name);
                }
            }
            if (!grantees.isEmpty()) {
                out.put(privilege, grantees);
            }
        }
        return new Grants(out);
    }

    public boolean isEmpty() {
        return byPrivilege.isEmpty();
    }

    /** Gives the privileges on the relation schema.name (which may be a temporary or candidate name). */
    public void apply(Connection c, Dialect dialect, String schema, String name) throws SQLException {
        if (byPrivilege.isEmpty() || !dialect.supportsGrants()) {
            return;
        }
        try (Statement s = c.createStatement()) {
            for (Map.Entry<String, List<String>> e : byPrivilege.entrySet()) {
                List<String> quoted = new ArrayList<>();
                e.getValue().forEach(role -> quoted.add(dialect.quote(role)));
                s.execute("grant " + e.getKey() + " on " + dialect.qualified(schema, name) + " to "
                        + String.join(", ", quoted));
            }
        }
    }
}
