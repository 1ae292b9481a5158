package org.sqlwarehouse.engine;

import java.util.regex.Pattern;

/** Keeps secrets out of anything printed: JDBC URLs and driver messages. */
public final class UrlMasking {
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password|pwd|pass)=([^&;]*)");
    private static final Pattern USER_INFO = Pattern.compile("://([^/:@]+):([^/@]*)@");

    private UrlMasking() {
    }

    /** A JDBC URL with any password parameter or user-info password replaced by ****. */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        String out = PASSWORD_PARAM.matcher(url).replaceAll("$1=****");
        return USER_INFO.matcher(out).replaceAll("://$1:****@");
    }

    /** Text with every occurrence of the password (and masked URLs) removed. */
    public static String scrub(String text, String password) {
        if (text == null) {
            return null;
        }
        String out = mask(text);
        if (password != null && !password.isEmpty()) {
            out = out.replace(password, "****");
        }
        return out;
    }
}
