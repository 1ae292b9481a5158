package org.sqlwarehouse.jinja;

/**
 * Where {@code extends}, {@code include} and {@code import} find templates: the project's own
 * files, never the classpath.
 */
@FunctionalInterface
public interface TemplateLoader {
    /** A loader that knows no templates. */
    TemplateLoader NONE = name -> null;

    /** The template's source, or null when there is none by that name. */
    String load(String name);
}
