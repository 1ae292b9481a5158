package org.sqlwarehouse.jinja;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code obj.name} and {@code obj[key]} as Jinja2's sandbox does them: for obj.name the attribute
 * (a method of str, list or dict included) before the item, for obj[key] the item before the
 * attribute; a missing one is an {@link Undefined} saying what was missing. Plain Java objects show
 * their public getters, fields and methods; names starting with an underscore are never reachable.
 */
final class Access {
    /** A slice key: obj[start:stop:step]. */
    record PySlice(Object start, Object stop, Object step) {
    }

    private static final ConcurrentHashMap<Class<?>, Map<String, Object>> MEMBERS = new ConcurrentHashMap<>();
    private static final Object NONE = new Object();

    private Access() {
    }

    static Object getattr(Object obj, String name) {
        if (obj instanceof Undefined u) {
            if (name.startsWith("__")) {
                return u;
            }
            throw u.error();
        }
        if (obj instanceof PyObject p) {
            Object v = p.getAttr(name);
            return v == PyObject.MISSING ? missing(obj, name) : v;
        }
        if (obj instanceof Map<?, ?> m) {
            Object method = PyMethods.dict(m, name);
            if (method != null) {
                return method;
            }
            Object k = Py.mapKey(m, name);
            return k == Py.NO_KEY ? missing(obj, name) : m.get(k);
        }
        if (obj instanceof String || obj instanceof List<?>) {
            Object method = obj instanceof String s ? PyMethods.str(s, name) : PyMethods.list((List<?>) obj, name);
            return method == null ? missing(obj, name) : method;
        }
        if (obj == null || obj instanceof Number || obj instanceof Boolean || name.startsWith("_")) {
            return missing(obj, name);
        }
        return member(obj, name);
    }

    static Object getitem(Object obj, Object key) {
        if (obj instanceof Undefined u) {
            throw u.error();
        }
        if (key instanceof PySlice s) {
            return slice(obj, s);
        }
        if (obj instanceof Map<?, ?> m) {
            Object k = Py.mapKey(m, key);
            if (k != Py.NO_KEY) {
                return m.get(k);
            }
            if (key instanceof String name) {
                Object method = PyMethods.dict(m, name);
                return method != null ? method : missing(obj, name);
            }
            return Undefined.hinted(typeRepr(obj) + " has no element " + Py.repr(key));
        }
        if (obj instanceof PyObject p) {
            Object v = p.getItem(key);
            if (v != PyObject.MISSING) {
                return v;
            }
        }
        if ((obj instanceof List<?> || obj instanceof String) && Py.isInt(key) && !(key instanceof Boolean)) {
            long i = Py.toLong(key);
            if (obj instanceof List<?> l) {
                long at = i < 0 ? i + l.size() : i;
                return at >= 0 && at < l.size() ? l.get((int) at)
                        : Undefined.hinted(typeRepr(obj) + " has no element " + i);
            }
            String s = (String) obj;
            int n = s.codePointCount(0, s.length());
            long at = i < 0 ? i + n : i;
            if (at < 0 || at >= n) {
                return Undefined.hinted(typeRepr(obj) + " has no element " + i);
            }
            int offset = s.offsetByCodePoints(0, (int) at);
            return new String(Character.toChars(s.codePointAt(offset)));
        }
        if (key instanceof String name) {
            return getattr(obj, name);
        }
        return Undefined.hinted(typeRepr(obj) + " has no element " + Py.repr(key));
    }

    static Undefined missing(Object obj, String name) {
        return Undefined.hinted(typeRepr(obj) + " has no attribute '" + name + "'");
    }

    static String typeRepr(Object obj) {
        return obj == null ? "'None'" : "'" + Py.typeName(obj) + " object'";
    }

    private static Object slice(Object obj, PySlice s) {
        List<Object> items;
        boolean string = obj instanceof String;
        if (string) {
            items = Py.list(obj);
        } else if (obj instanceof List<?> l) {
            items = new ArrayList<>(l);
        } else {
            throw Arguments.typeError("'" + Py.typeName(obj) + "' object is not subscriptable");
        }
        int n = items.size();
        long step = s.step() == null ? 1 : Py.toLong(s.step());
        if (step == 0) {
            throw new TemplateException(TemplateException.Kind.VALUE, "slice step cannot be zero");
        }
        long start = bound(s.start(), n, step > 0 ? 0 : n - 1, step);
        long stop = bound(s.stop(), n, step > 0 ? n : -1, step);
        List<Object> out = new ArrayList<>();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
            out.add(items.get((int) i));
        }
        if (string) {
            StringBuilder b = new StringBuilder();
            out.forEach(b::append);
            return b.toString();
        }
        return obj instanceof PyTuple ? PyTuple.of(out) : out;
    }

    private static long bound(Object v, int n, long fallback, long step) {
        if (v == null) {
            return fallback;
        }
        long i = Py.toLong(v);
        if (i < 0) {
            i += n;
        }
        if (step > 0) {
            return Math.max(0, Math.min(i, n));
        }
        return Math.max(-1, Math.min(i, n - 1));
    }

    /** A plain Java object's getter, field or method of that name. */
    private static Object member(Object obj, String name) {
        Map<String, Object> members = MEMBERS.computeIfAbsent(obj.getClass(), c -> new ConcurrentHashMap<>());
        Object m = members.computeIfAbsent(name, n -> find(obj.getClass(), n));
        if (m == NONE) {
            return missing(obj, name);
        }
        try {
            if (m instanceof Field f) {
                return f.get(obj);
            }
            Method method = (Method) m;
            if (method.getParameterCount() == 0 && !method.getName().equals(name)) {
                return method.invoke(obj);
            }
            return (PyCallable) args -> invoke(obj, method, args);
        } catch (IllegalAccessException e) {
            return missing(obj, name);
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        }
    }

    private static Object find(Class<?> type, String name) {
        if (!Modifier.isPublic(type.getModifiers())) {
            return NONE;
        }
        String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String getter : new String[] {"get" + cap, "is" + cap}) {
            try {
                Method m = type.getMethod(getter);
                if (m.getDeclaringClass() != Object.class) {
                    return m;
                }
            } catch (NoSuchMethodException e) {
                // next
            }
        }
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getDeclaringClass() != Object.class
                    && !Modifier.isStatic(m.getModifiers())) {
                return m;
            }
        }
        try {
            Field f = type.getField(name);
            return Modifier.isStatic(f.getModifiers()) ? NONE : f;
        } catch (NoSuchFieldException e) {
            return NONE;
        }
    }

    private static Object invoke(Object obj, Method method, Arguments args) {
        Class<?>[] types = method.getParameterTypes();
        Object[] values;
        if (method.isVarArgs() && types.length == 1) {
            values = new Object[] {args.positional().toArray()};
        } else {
            if (args.size() != types.length) {
                throw Arguments.typeError(method.getName() + "() takes " + types.length + " positional argument(s) but "
                        + args.size() + " were given");
            }
            values = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                values[i] = convert(args.get(i), types[i]);
            }
        }
        try {
            return method.invoke(obj, values);
        } catch (IllegalAccessException | IllegalArgumentException e) {
            throw Arguments.typeError(method.getName() + "(): " + e.getMessage());
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        }
    }

    private static Object convert(Object v, Class<?> type) {
        if ((type == int.class || type == Integer.class) && v instanceof Number n) {
            return n.intValue();
        }
        if ((type == long.class || type == Long.class) && v instanceof Number n) {
            return n.longValue();
        }
        if ((type == double.class || type == Double.class) && v instanceof Number n) {
            return n.doubleValue();
        }
        if (type == String.class && v != null && !(v instanceof String)) {
            return Py.str(v);
        }
        return v;
    }

    private static RuntimeException rethrow(InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
            return r;
        }
        return new TemplateException(TemplateException.Kind.RUNTIME, String.valueOf(cause));
    }
}
