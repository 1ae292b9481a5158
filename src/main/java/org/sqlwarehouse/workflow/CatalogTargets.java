package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.Dialects;
import org.sqlwarehouse.environment.SharedLogins;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.environment.TargetLogin;
import org.sqlwarehouse.environment.TargetTemplates;
import org.sqlwarehouse.report.BuildLog;

/**
 * Every target of a project as far as it can be told without using it: each rendered
 * ({@code env_var()} filled in), the selected one as it is used (credentials resolved). A target
 * that does not render here (an environment variable only its CI sets) is kept as its error.
 * Credentials of other targets are not looked up: a developer's machine need not have them.
 */
final class CatalogTargets {
    private final Map<String, Object> byName;

    private CatalogTargets(Map<String, Object> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    static CatalogTargets of(Warehouse.Selection selection, Map<String, String> environment) {
        Map<String, Object> byName = new LinkedHashMap<>();
        String selected = selection.target().name();
        for (Map.Entry<String, Object> entry : selection.catalog().describeAll().entrySet()) {
            if (entry.getKey().equals(selected)) {
                byName.put(selected, selection.target().definition());
            } else if (entry.getValue() instanceof TargetDefinition declared) {
                try {
                    byName.put(entry.getKey(), TargetTemplates.render(declared, environment));
                } catch (WarehouseException e) {
                    byName.put(entry.getKey(), e);
                }
            } else {
                byName.put(entry.getKey(), entry.getValue());
            }
        }
        return new CatalogTargets(byName);
    }

    /** Target name to its {@link TargetDefinition}, or the {@link WarehouseException} it gave, in catalog order. */
    Map<String, Object> all() {
        return byName;
    }

    /**
     * Logs one warning for each of {@code candidates} that is unprotected and logs in to a protected
     * target's database as the same user.
     */
    void warnOfSharedLogins(Set<String> candidates, Path projectDirectory, BuildLog log) {
        for (SharedLogins.Shared shared : SharedLogins.find(logins(projectDirectory), candidates)) {
            log.warn(shared.warning());
        }
    }

    /** The login of every target whose database can be told; others cannot be compared and are left out. */
    private Map<TargetDefinition, TargetLogin> logins(Path projectDirectory) {
        Map<TargetDefinition, TargetLogin> logins = new LinkedHashMap<>();
        for (Object value : byName.values()) {
            if (!(value instanceof TargetDefinition target)) {
                continue;
            }
            try {
                Dialect dialect = Dialects.forType(target.type()).forTarget(target);
                Optional<String> database = dialect.databaseLocation(target, projectDirectory);
                database.ifPresent(d -> logins.put(target, TargetLogin.of(target, d)));
            } catch (WarehouseException | RuntimeException e) {
                // an unknown type or a target without database: nothing to compare, and selecting
                // it would report the problem itself
            }
        }
        return logins;
    }
}
