package org.sqlwarehouse.jinja;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlwarehouse.jinja.Nodes.Args;
import org.sqlwarehouse.jinja.Nodes.Expr;

/**
 * The values of expressions, with Jinja2's semantics: names looked up through the frames, the
 * context and the globals; calls, filters, tests and operators. The state it reads (frames, the
 * current line, the inheritance chain) is the render's, kept by {@link Evaluator}.
 */
abstract sealed class ExpressionEvaluator permits Evaluator {
    final Environment env;
    final Map<String, Object> context;
    Scope scope;
    /** The line being run, for errors; 0 when not known. */
    int line;
    /** The blocks of the template (and those it extends) being run. */
    Inheritance inheritance;
    /**
     * Whether the code being run is inside an autoescape block where it is written (Jinja2 decides
     * this when compiling): what it prints is escaped, and ~ escapes text joined to markup.
     */
    boolean autoescape;
    /**
     * Whether the render is inside an autoescape block now (Jinja2's eval context at run time):
     * what macros, set blocks, blocks and some filters build is markup then.
     */
    boolean contextAutoescape;
    /** The strings of this render that are markup, by identity. */
    private final Set<String> markup = Collections.newSetFromMap(new IdentityHashMap<>());

    ExpressionEvaluator(Environment env, Map<String, Object> context) {
        this.env = env;
        this.context = context;
    }

    /** The text as markup: a copy of its own, so that the same text elsewhere stays plain. */
    String markSafe(String s) {
        String copy = new String(s); // a new identity, on purpose
        markup.add(copy);
        return copy;
    }

    boolean isMarkup(Object o) {
        return o instanceof String s && markup.contains(s);
    }

    /** The value as text to print or join to markup: escaped unless it is markup. */
    String escaped(Object o) {
        return isMarkup(o) ? (String) o : Filters.html(Py.str(o));
    }

    /** The render this is part of: the one subclass. */
    private Evaluator asEvaluator() {
        return (Evaluator) this;
    }

    Object lookup(Nodes.Name n) {
        Object v = scope.find(n.name);
        if (v != Scope.UNBOUND) {
            return v;
        }
        if (n.name.equals("self") && inheritance != null) {
            return inheritance.self();
        }
        Scope root = scope.root();
        if (root.namespace != null) {
            v = root.namespace.getOrDefault(n.name, Scope.UNBOUND);
            if (v != Scope.UNBOUND) {
                return v;
            }
        }
        Map<String, Object> ctx = root.context;
        if (ctx == null) {
            ctx = context;
        }
        v = ctx.getOrDefault(n.name, Scope.UNBOUND);
        if (v != Scope.UNBOUND || ctx.containsKey(n.name)) {
            return v;
        }
        v = env.globalOr(n.name, Scope.UNBOUND);
        return v != Scope.UNBOUND ? v : Undefined.named(n.name);
    }

    Object display(Nodes.Display d) {
        switch (d.kind) {
            case LIST -> {
                List<Object> l = new ArrayList<>(d.items.size());
                for (Expr e : d.items) {
                    l.add(e.eval(this));
                }
                return l;
            }
            case TUPLE -> {
                Object[] items = new Object[d.items.size()];
                for (int i = 0; i < items.length; i++) {
                    items[i] = d.items.get(i).eval(this);
                }
                return new PyTuple(items);
            }
            default -> {
                Map<Object, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < d.items.size(); i++) {
                    Object k = Py.normalizeKey(d.items.get(i).eval(this));
                    if (k instanceof List<?> && !(k instanceof PyTuple) || k instanceof Map<?, ?>) {
                        throw Arguments.typeError("unhashable type: '" + Py.typeName(k) + "'");
                    }
                    m.put(k, d.values.get(i).eval(this));
                }
                return m;
            }
        }
    }

    Object attr(Nodes.Attr a) {
        return Access.getattr(a.obj.eval(this), a.name);
    }

    Object item(Nodes.Item i) {
        Object obj = i.obj.eval(this);
        return Access.getitem(obj, i.key.eval(this));
    }

    Object slice(Nodes.Slice s) {
        return new Access.PySlice(s.start == null ? null : s.start.eval(this), s.stop == null ? null : s.stop.eval(this),
                s.step == null ? null : s.step.eval(this));
    }

    Object call(Nodes.CallExpr c) {
        Object fn = c.fn.eval(this);
        Arguments args = arguments(c.args, c.line);
        line = c.line;
        return callValue(fn, args, c.fn);
    }

    Object callValue(Object fn, Arguments args, Expr what) {
        if (fn instanceof PyCallable callable) {
            return callable.call(args);
        }
        if (fn instanceof Undefined u) {
            if (what instanceof Nodes.Name n && u.name() != null) {
                throw new TemplateException(TemplateException.Kind.UNDEFINED, "unknown function '" + n.name + "'");
            }
            throw u.error();
        }
        throw Arguments.typeError("'" + Py.typeName(fn) + "' object is not callable");
    }

    Arguments arguments(Args a, int atLine) {
        List<Object> positional;
        if (a.positional().isEmpty() && a.star() == null) {
            positional = List.of();
        } else {
            positional = new ArrayList<>(a.positional().size());
            for (Expr e : a.positional()) {
                positional.add(e.eval(this));
            }
            if (a.star() != null) {
                positional.addAll(Py.list(a.star().eval(this)));
            }
        }
        Map<String, Object> keywords;
        if (a.names().isEmpty() && a.starStar() == null) {
            keywords = Map.of();
        } else {
            keywords = new LinkedHashMap<>();
            for (int i = 0; i < a.names().size(); i++) {
                keywords.put(a.names().get(i), a.values().get(i).eval(this));
            }
            if (a.starStar() != null) {
                Object m = a.starStar().eval(this);
                if (!(m instanceof Map<?, ?> map)) {
                    throw Arguments.typeError("argument after ** must be a mapping, not " + Py.typeName(m));
                }
                map.forEach((k, v) -> keywords.put(Py.str(k), v));
            }
        }
        return new Arguments(asEvaluator(), positional, keywords, atLine);
    }

    /** A filter; in a filter block the innermost one filters blockValue. */
    Object filter(Nodes.FilterExpr f, Object blockValue) {
        Object value;
        if (f.base == null) {
            value = blockValue;
        } else if (f.base instanceof Nodes.FilterExpr inner) {
            value = filter(inner, blockValue);
        } else {
            value = f.base.eval(this);
        }
        Arguments args = arguments(f.args, f.line);
        line = f.line;
        return env.filter(f.name).apply(value, args);
    }

    Object test(Nodes.TestExpr t) {
        Object value = t.base.eval(this);
        Arguments args = arguments(t.args, t.line);
        boolean result = env.test(t.name).test(value, args);
        return result != t.negated;
    }

    Object binary(Nodes.Binary b) {
        Object left = b.left.eval(this);
        Object right = b.right.eval(this);
        boolean withMarkup = isMarkup(left) || isMarkup(right);
        // markup + text escapes the text (Python's Markup.__add__); so does ~ inside autoescape
        if (withMarkup && (b.op.equals("~") && autoescape
                || b.op.equals("+") && left instanceof String && right instanceof String)) {
            return markSafe(PyOps.binary("~", escaped(left), escaped(right), env.maxOutput()).toString());
        }
        return PyOps.binary(b.op, left, right, env.maxOutput());
    }

    Object unary(Nodes.Unary u) {
        Object v = u.operand.eval(this);
        return switch (u.op) {
            case "not" -> !Py.truthy(v);
            case "-" -> PyOps.negate(v);
            default -> PyOps.plus(v);
        };
    }

    Object logic(Nodes.Logic l) {
        Object left = l.left.eval(this);
        if (l.and) {
            return Py.truthy(left) ? l.right.eval(this) : left;
        }
        return Py.truthy(left) ? left : l.right.eval(this);
    }

    Object compare(Nodes.Compare c) {
        Object left = c.first.eval(this);
        for (int i = 0; i < c.ops.size(); i++) {
            Object right = c.rest.get(i).eval(this);
            String op = c.ops.get(i);
            boolean ok = switch (op) {
                case "==" -> Py.eq(left, right);
                case "!=" -> !Py.eq(left, right);
                case "<" -> Py.compare(left, right, op) < 0;
                case "<=" -> Py.compare(left, right, op) <= 0;
                case ">" -> Py.compare(left, right, op) > 0;
                case ">=" -> Py.compare(left, right, op) >= 0;
                case "in" -> Py.contains(right, left);
                default -> !Py.contains(right, left);
            };
            if (!ok) {
                return false;
            }
            left = right;
        }
        return true;
    }

    Object cond(Nodes.Cond c) {
        if (Py.truthy(c.test.eval(this))) {
            return c.then.eval(this);
        }
        return c.otherwise == null ? Undefined.hinted("the inline if-expression on line " + c.line
                + " evaluated to false and no else section was defined.") : c.otherwise.eval(this);
    }
}
