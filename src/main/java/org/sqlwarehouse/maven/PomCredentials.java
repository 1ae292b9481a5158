package org.sqlwarehouse.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.sqlwarehouse.engine.UrlMasking;
import org.sqlwarehouse.environment.TargetTemplates;

/**
 * Finds POM targets whose password Maven itself prints: at -X Maven dumps a plugin's configuration,
 * interpolated ({@code ${env.PG_PW}} included), before the plugin runs, so only a password the
 * plugin fetches itself ({@code <serverId>}, or {@code {{ env_var('X') }}} that it renders) stays
 * out of the log.
 */
final class PomCredentials {
    private static final String HINT = "Maven prints it at -X (its configuration dump, before the plugin runs), even"
            + " when it comes from ${env.X} or a property. Use <serverId> with the password in ~/.m2/settings.xml,"
            + " or {{ env_var('PG_PASSWORD') }} in the POM, which the plugin renders itself.";

    /** JDBC properties that hold a password: password, sslpassword, pwd, ... */
    private static final Pattern SECRET_PROPERTY = Pattern.compile("(?i)\\w*pass(word|wd)?|pwd");

    /** Stands in for a template, so that the url's literal parts can be looked at alone. */
    private static final String TEMPLATE = "\u0000";

    private PomCredentials() {
    }

    /** One warning per target with a password in the POM as a value rather than a template; never the value. */
    static List<String> warnings(List<TargetConfig> targets) {
        List<String> warnings = new ArrayList<>();
        if (targets == null) {
            return warnings;
        }
        for (TargetConfig t : targets) {
            String name = t.name() == null ? "?" : t.name().trim();
            String password = t.password();
            if (password != null && !password.isBlank() && !TargetTemplates.isTemplate(password)) {
                warnings.add("Target '" + name + "' has its <password> written in the POM. " + HINT);
            }
            if (t.url() != null && hasLiteralPassword(t.url())) {
                warnings.add("Target '" + name + "' has a password in its <url>. " + HINT);
            }
            for (Map.Entry<String, String> p : t.properties().entrySet()) {
                if (SECRET_PROPERTY.matcher(p.getKey()).matches() && p.getValue() != null
                        && !TargetTemplates.isTemplate(p.getValue())) {
                    warnings.add("Target '" + name + "' has a password in its <properties> (<" + p.getKey() + ">). "
                            + HINT);
                }
            }
        }
        return warnings;
    }

    /** A password in the url that is not wholly a {{ ... }} template. */
    private static boolean hasLiteralPassword(String url) {
        String withoutTemplates = url.replaceAll("\\{\\{.*?}}", TEMPLATE);
        return UrlMasking.passwordsIn(withoutTemplates).stream().anyMatch(p -> !p.replace(TEMPLATE, "").isEmpty());
    }
}
