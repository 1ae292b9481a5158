package org.sqlwarehouse.environment;

import java.nio.file.Path;
import java.util.Map;
import org.sqlwarehouse.WarehouseException;

/**
 * dbt's {@code {{ env_var('X') }}} in the text fields of a POM target, rendered by the plugin when
 * the target is used. Maven prints a plugin's configuration at -X after interpolating it, so
 * {@code <password>${env.PG_PASSWORD}</password>} would show the password there; the template is
 * printed as written and the secret stays in the environment.
 */
public final class TargetTemplates {
    private TargetTemplates() {
    }

    /** Whether a field's value is a template the plugin renders itself (and Maven prints as written). */
    public static boolean isTemplate(String value) {
        return ProfileTemplates.isTemplate(value);
    }

    /** The target with {@code {{ env_var(...) }}} in its text fields rendered from the environment. */
    public static TargetDefinition render(TargetDefinition target, Map<String, String> environment)
            throws WarehouseException {
        TargetDefinition.Builder b = target.toBuilder();
        b.host(field(target, "host", target.host(), environment, false));
        b.database(field(target, "database", target.database(), environment, false));
        b.user(field(target, "user", target.user(), environment, false));
        b.password(field(target, "password", target.password(), environment, true));
        b.schema(field(target, "schema", target.schema(), environment, false));
        b.path(field(target, "path", target.path(), environment, false));
        b.url(field(target, "url", target.url(), environment, true));
        return b.build();
    }

    private static String field(TargetDefinition target, String name, String value, Map<String, String> environment,
            boolean secret) throws WarehouseException {
        if (!ProfileTemplates.isTemplate(value)) {
            return value;
        }
        String origin = target.origin() == null ? "pom.xml" : target.origin();
        String rendered = ProfileTemplates.render(value, environment, new ProfileTemplates.Site(Path.of(origin), 0,
                "<" + name + "> of target '" + target.name() + "'", secret));
        return rendered == null || rendered.isEmpty() ? null : rendered;
    }
}
