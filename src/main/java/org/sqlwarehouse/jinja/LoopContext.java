package org.sqlwarehouse.jinja;

import java.util.List;

/** The {@code loop} variable of a for loop; callable when the loop is recursive. */
final class LoopContext implements PyObject, PyCallable {
    /** Renders the loop's body over other items, one level deeper. */
    interface Recursion {
        String render(List<Object> items, int depth);
    }

    private final List<Object> items;
    private final int depth;
    private final Recursion recursion;
    int index0;
    private Object lastChanged = PyObject.MISSING;

    LoopContext(List<Object> items, int depth, Recursion recursion) {
        this.items = items;
        this.depth = depth;
        this.recursion = recursion;
    }

    @Override
    public Object getAttr(String name) {
        int n = items.size();
        return switch (name) {
            case "index0" -> (long) index0;
            case "index" -> (long) index0 + 1;
            case "revindex0" -> (long) (n - index0 - 1);
            case "revindex" -> (long) (n - index0);
            case "first" -> index0 == 0;
            case "last" -> index0 == n - 1;
            case "length" -> (long) n;
            case "depth" -> (long) depth;
            case "depth0" -> (long) depth - 1;
            case "previtem" -> index0 > 0 ? items.get(index0 - 1)
                    : Undefined.hinted("there is no previous item");
            case "nextitem" -> index0 < n - 1 ? items.get(index0 + 1) : Undefined.hinted("there is no next item");
            case "cycle" -> (PyCallable) a -> {
                if (a.size() == 0) {
                    throw Arguments.typeError("no items for cycling given");
                }
                return a.get(index0 % a.size());
            };
            case "changed" -> (PyCallable) a -> {
                Object value = a.positional().size() == 1 ? a.get(0) : PyTuple.of(a.positional());
                if (lastChanged == PyObject.MISSING || !Py.eq(lastChanged, value)) {
                    lastChanged = value;
                    return true;
                }
                return false;
            };
            default -> MISSING;
        };
    }

    @Override
    public Object call(Arguments args) {
        if (recursion == null) {
            throw Arguments.typeError("The loop must be marked recursive to be called recursively.");
        }
        return recursion.render(Py.list(args.get(0)), depth + 1);
    }

    @Override
    public String toString() {
        return "<LoopContext " + (index0 + 1) + "/" + items.size() + ">";
    }
}
