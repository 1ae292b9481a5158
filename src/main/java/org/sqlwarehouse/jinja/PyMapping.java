package org.sqlwarehouse.jinja;

/**
 * An object a template tests as {@code is mapping}, as Jinja2 does any Python Mapping, while its
 * attributes ({@code .get}, {@code .schema}, ...) are its own: dbt's relations are such objects.
 */
public interface PyMapping extends PyObject {
}
