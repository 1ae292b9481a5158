package org.sqlwarehouse.environment;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.sqlwarehouse.WarehouseException;

/**
 * Derives a user's personal dev schema, {@code dbt_<user>}, so that one user has one schema name on
 * every database: lower-case, runs outside [a-z0-9_] become one '_', no leading or trailing '_', at
 * most 63 bytes (PostgreSQL's identifier limit, applied everywhere).
 */
public final class DevSchemaNaming {
    /** PostgreSQL truncates identifiers beyond this many bytes. */
    public static final int MAX_IDENTIFIER_BYTES = 63;
    public static final String DEFAULT_PREFIX = "dbt_";

    private DevSchemaNaming() {
    }

    /**
     * The user the dev schema is named after: the explicit value, else $WAREHOUSE_USER, else the
     * system property user.name.
     */
    public static String resolveUser(String explicitUser, Map<String, String> environment, String systemUserName) {
        if (explicitUser != null && !explicitUser.isBlank()) {
            return explicitUser;
        }
        String fromEnv = environment.get("WAREHOUSE_USER");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return systemUserName;
    }

    private static final java.util.regex.Pattern DISALLOWED_RUN = java.util.regex.Pattern.compile("[^a-z0-9_]+");

    /** The user name lower-cased, each run outside [a-z0-9_] made one '_', no '_' at either end. */
    public static String normalizeUser(String user) {
        String lower = user == null ? "" : user.toLowerCase(Locale.ROOT);
        return trimUnderscores(DISALLOWED_RUN.matcher(lower).replaceAll("_"));
    }

    /** {@code <prefix><normalized user>}, cut to 63 bytes. */
    public static String devSchema(String prefix, String user) throws WarehouseException {
        String token = normalizeUser(user);
        if (token.isEmpty()) {
            throw new WarehouseException("Cannot derive a dev schema from the user name '" + user
                    + "': it has no letters or digits.",
                    "Set -Dwarehouse.user=<name> or the WAREHOUSE_USER environment variable.");
        }
        String effectivePrefix = prefix == null ? DEFAULT_PREFIX : prefix;
        return trimUnderscores(cutToBytes(effectivePrefix + token, MAX_IDENTIFIER_BYTES));
    }

    /** Cuts a string to at most maxBytes of UTF-8 without splitting a character. */
    public static String cutToBytes(String s, int maxBytes) {
        if (s.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return s;
        }
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + len > maxBytes) {
                break;
            }
            bytes += len;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    private static String trimUnderscores(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '_') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '_') {
            end--;
        }
        return s.substring(start, end);
    }
}
