package org.sqlwarehouse.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationKind;

/**
 * What the catalog says about a set of relations, asked in one query per schema instead of one per
 * relation, and kept current by the caller as it renames and drops them: so a promotion asks before
 * its transaction, not once per relation while it holds the locks.
 */
public final class KnownRelations {
    private final Map<String, Map<String, RelationKind>> bySchema;

    private KnownRelations(Map<String, Map<String, RelationKind>> bySchema) {
        this.bySchema = bySchema;
    }

    /** @param namesBySchema the relation names to look up, per schema */
    public static KnownRelations ask(Connection c, Dialect dialect, Map<String, ? extends Collection<String>>
            namesBySchema) throws SQLException {
        Map<String, Map<String, RelationKind>> bySchema = new HashMap<>();
        for (Map.Entry<String, ? extends Collection<String>> e : namesBySchema.entrySet()) {
            bySchema.put(e.getKey(), new HashMap<>(dialect.relationKindsOf(c, e.getKey(), e.getValue())));
        }
        return new KnownRelations(bySchema);
    }

    /** An empty request to fill with {@link #add}. */
    public static Map<String, Set<String>> request() {
        return new LinkedHashMap<>();
    }

    public static void add(Map<String, Set<String>> request, String schema, String name) {
        request.computeIfAbsent(schema, k -> new LinkedHashSet<>()).add(name);
    }

    public Optional<RelationKind> kind(String schema, String name) {
        return Optional.ofNullable(bySchema.getOrDefault(schema, Map.of()).get(name));
    }

    public void renamed(String schema, String from, String to) {
        Map<String, RelationKind> kinds = bySchema.computeIfAbsent(schema, k -> new HashMap<>());
        RelationKind kind = kinds.remove(from);
        if (kind != null) {
            kinds.put(to, kind);
        }
    }

    public void created(String schema, String name, RelationKind kind) {
        bySchema.computeIfAbsent(schema, k -> new HashMap<>()).put(name, kind);
    }

    public void dropped(String schema, String name) {
        bySchema.getOrDefault(schema, new HashMap<>()).remove(name);
    }
}
