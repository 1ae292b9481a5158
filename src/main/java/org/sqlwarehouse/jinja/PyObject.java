package org.sqlwarehouse.jinja;

/** A value that answers attribute lookups itself (loop, namespace, macros, cyclers...). */
public interface PyObject {
    /** Marks an attribute that does not exist. */
    Object MISSING = new Object();

    /** The attribute's value, or {@link #MISSING}. */
    Object getAttr(String name);

    /** The value of {@code obj[key]}, or {@link #MISSING} to fall back to the attribute of that name. */
    default Object getItem(Object key) {
        return MISSING;
    }
}
