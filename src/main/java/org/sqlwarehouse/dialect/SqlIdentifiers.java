package org.sqlwarehouse.dialect;

/** Standard SQL identifier quoting, shared by the dialects that use double quotes. */
public final class SqlIdentifiers {
    private SqlIdentifiers() {
    }

    /**
     * Wraps the identifier in double quotes and doubles every double quote inside it, so that no
     * identifier can end the quoted name early. NUL cannot be stored by the databases and is refused.
     */
    public static String doubleQuote(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("An identifier must not be empty");
        }
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("An identifier must not contain NUL: " + identifier.replace('\0', '?'));
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
