package org.sqlwarehouse.jinja;

/**
 * Jinja2's default {@code Undefined}: prints as an empty string, is false, iterates as nothing and
 * has length 0; taking an attribute or item of it, calling it or doing arithmetic with it fails
 * with its message.
 */
public final class Undefined {
    private final String name;
    private final String hint;

    Undefined(String name, String hint) {
        this.name = name;
        this.hint = hint;
    }

    static Undefined named(String name) {
        return new Undefined(name, null);
    }

    static Undefined hinted(String hint) {
        return new Undefined(null, hint);
    }

    /** The name it stands for, when it came from a name. */
    public String name() {
        return name;
    }

    /** What Jinja2 says when it is used. */
    public String message() {
        if (hint != null) {
            return hint;
        }
        return name == null ? "value is undefined" : "'" + name + "' is undefined";
    }

    TemplateException error() {
        return new TemplateException(TemplateException.Kind.UNDEFINED, message());
    }

    @Override
    public String toString() {
        return "";
    }
}
