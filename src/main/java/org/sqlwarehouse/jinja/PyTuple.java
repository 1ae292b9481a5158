package org.sqlwarehouse.jinja;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/** Python's tuple: an immutable list that prints with parentheses and is never equal to a list. */
public class PyTuple extends AbstractList<Object> implements RandomAccess {
    static final PyTuple EMPTY = new PyTuple(new Object[0]);
    private final Object[] items;

    PyTuple(Object[] items) {
        this.items = items;
    }

    public static PyTuple of(List<?> items) {
        return new PyTuple(items.toArray());
    }

    public static PyTuple of(Object... items) {
        return new PyTuple(items.clone());
    }

    @Override
    public Object get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }
}
