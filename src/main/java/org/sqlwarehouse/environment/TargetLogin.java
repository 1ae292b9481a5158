package org.sqlwarehouse.environment;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a target connects and as whom, without any secret: two targets with equal logins hold the
 * same privileges on the same data.
 *
 * @param database the database, as its dialect names it without credentials or options (e.g.
 *                 {@code jdbc:postgresql://db.example.com:5432/analytics} or
 *                 {@code jdbc:duckdb:/work/prod.duckdb})
 * @param login    who connects, in words and comparable: {@code user 'loader'},
 *                 {@code the user of settings.xml server 'warehouse-prod'}, or
 *                 {@code the driver's default user} when the target names none
 */
public record TargetLogin(String database, String login) {
    private static final Pattern USER_PARAMETER = Pattern.compile("[?&;]user=([^&;]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern USER_INFO = Pattern.compile("//([^/:@]+)(:[^/@]*)?@");

    /**
     * The login of a target.
     *
     * <p>A serverId stands for its settings.xml server's user, whether or not it has been resolved:
     * credentials are resolved only for the selected target, so that is the one name both sides of a
     * comparison have. Two targets whose different servers hold the same user name are not seen as
     * sharing one.
     *
     * @param database the target's {@link org.sqlwarehouse.dialect.Dialect#databaseLocation}
     */
    public static TargetLogin of(TargetDefinition target, String database) {
        return new TargetLogin(database, login(target));
    }

    private static String login(TargetDefinition target) {
        if (target.serverId() != null && !target.serverId().isBlank()) {
            return "the user of settings.xml server '" + target.serverId().strip() + "'";
        }
        String user = target.user();
        if (isBlank(user) && target.url() != null) {
            user = userInUrl(target.url());
        }
        if (isBlank(user)) {
            user = target.properties().get("user");
        }
        return isBlank(user) ? "the driver's default user" : "user '" + user.strip() + "'";
    }

    /** The user a JDBC URL names, as {@code ?user=x} or {@code //x:password@host}; never the password. */
    private static String userInUrl(String url) {
        Matcher parameter = USER_PARAMETER.matcher(url);
        if (parameter.find()) {
            return java.net.URLDecoder.decode(parameter.group(1), java.nio.charset.StandardCharsets.UTF_8);
        }
        Matcher info = USER_INFO.matcher(url);
        return info.find() ? info.group(1) : null;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
