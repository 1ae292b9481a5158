package org.sqlwarehouse.engine;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlwarehouse.environment.TargetDefinition;

/** Keeps secrets out of anything printed: JDBC URLs and driver messages. */
public final class UrlMasking {
    private static final String MASK = "****";

    /**
     * A secret-bearing key ({@code password}, {@code PASSWORD}, {@code sslpassword}, {@code pwd},
     * {@code passwd}, {@code pass}), spaces allowed around '='.
     */
    private static final String SECRET_KEY = "(?i)\\b(\\w*pass(?:word|wd)?|pwd)(\\s*=\\s*)";

    /**
     * Its value: quoted, braced (SQL Server's {...}), or everything up to the next '&' (PostgreSQL
     * escapes a literal one as %26), to whitespace, or to a ';' that starts another key=value;
     * never merely to the next ';', which may be part of the password.
     */
    private static final Pattern SECRET_PARAM = Pattern.compile(SECRET_KEY
            + "(\"(?:[^\"\\\\]|\\\\.)*\"?|'(?:[^'\\\\]|\\\\.)*'?|\\{[^}]*}?"
            + "|[^&\\s]*?(?=&|;\\s*\\w+\\s*=|\\s|$))");

    /** user:password@ after the scheme; the password runs to the last '@' before the path. */
    private static final Pattern USER_INFO = Pattern.compile("://([^/:@\\s]*):([^/\\s]*)@");

    private UrlMasking() {
    }

    /** A JDBC URL (or any text) with every password parameter and user-info password replaced by ****. */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        String out = SECRET_PARAM.matcher(url).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + m.group(2) + (m.group(3).isEmpty() ? "" : MASK)));
        return USER_INFO.matcher(out).replaceAll(m -> Matcher.quoteReplacement("://" + m.group(1) + ":" + MASK + "@"));
    }

    /**
     * Text with every secret of the target removed: its password, the passwords written in its
     * url (as written and URL-decoded: a driver may echo either) and password properties.
     */
    public static String scrub(String text, TargetDefinition target) {
        return scrub(text, secretsOf(target));
    }

    /** The target's secrets, longest first so that one containing another is removed whole. */
    static List<String> secretsOf(TargetDefinition target) {
        Set<String> secrets = new LinkedHashSet<>();
        if (target == null) {
            return List.of();
        }
        add(secrets, target.password());
        if (target.url() != null) {
            secrets.addAll(passwordsIn(target.url()));
        }
        for (Map.Entry<String, String> e : target.properties().entrySet()) {
            if (e.getKey() != null && Pattern.compile(SECRET_KEY).matcher(e.getKey() + "=").matches()) {
                add(secrets, e.getValue());
            }
        }
        return new ArrayList<>(secrets);
    }

    /** The passwords written in a URL, as written and URL-decoded. */
    public static List<String> passwordsIn(String url) {
        Set<String> found = new LinkedHashSet<>();
        Matcher param = SECRET_PARAM.matcher(url);
        while (param.find()) {
            String value = param.group(3);
            add(found, value);
            add(found, unquote(value));
        }
        Matcher info = USER_INFO.matcher(url);
        while (info.find()) {
            add(found, info.group(2));
        }
        for (String raw : List.copyOf(found)) {
            add(found, decode(raw));
        }
        return new ArrayList<>(found);
    }

    private static String scrub(String text, List<String> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        List<String> ordered = new ArrayList<>(secrets);
        ordered.sort(Comparator.comparingInt(String::length).reversed());
        for (String secret : ordered) {
            if (secret != null && !secret.isEmpty()) {
                out = out.replace(secret, MASK);
            }
        }
        return mask(out);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'") || value.startsWith("{") && value.endsWith("}"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value; // not URL-encoded
        }
    }

    private static void add(Set<String> secrets, String secret) {
        if (secret != null && !secret.isEmpty() && !secret.equals(MASK)) {
            secrets.add(secret);
        }
    }
}
