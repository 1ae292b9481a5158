package org.sqlwarehouse.jinja;

/** A value that answers attribute lookups itself (loop, namespace, macros, cyclers...). */
public interface PyObject {
    /** Marks an attribute that does not exist. */
    Object MISSING = new Object();

    /** The attribute's value, or {@link #MISSING}. */
    Object getAttr(String name);
}
