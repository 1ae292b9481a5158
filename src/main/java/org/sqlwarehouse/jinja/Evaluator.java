package org.sqlwarehouse.jinja;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlwarehouse.jinja.Nodes.Expr;
import org.sqlwarehouse.jinja.Nodes.Stmt;

/**
 * Runs a template's tree for one render: output, frames, macro calls, loops and inheritance, with
 * Jinja2's semantics and the limits on depth and output; {@link ExpressionEvaluator} computes the
 * values. One per render; not shared between threads.
 */
final class Evaluator extends ExpressionEvaluator {
    /** break and continue, thrown to the loop they belong to. */
    private static final class Jump extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean isBreak;

        Jump(boolean isBreak) {
            super(null, null, false, false);
            this.isBreak = isBreak;
        }
    }

    private static final Jump BREAK = new Jump(true);
    private static final Jump CONTINUE = new Jump(false);

    private String templateName;
    private StringBuilder out = new StringBuilder();
    private int depth;
    /** The macro calls being run, outermost first. */
    private final List<MacroCall> calls = new ArrayList<>();
    /** The top-level run of a template; null in macros and blocks, where output is never dropped. */
    private Inheritance.TopLevel topLevel;

    Evaluator(Environment env, String templateName, Map<String, Object> context) {
        super(env, context == null ? Map.of() : context);
        this.templateName = templateName;
    }

    Environment environment() {
        return env;
    }

    String templateName() {
        return templateName;
    }

    int macroDepth() {
        return depth;
    }

    /** The macro calls being run, outermost first: a copy. */
    List<MacroCall> macroCalls() {
        return List.copyOf(calls);
    }

    String renderTemplate(Template t) {
        try {
            runTopLevel(t, new Scope(context));
        } catch (StackOverflowError e) {
            throw new TemplateException(TemplateException.Kind.RECURSION,
                    "maximum recursion depth exceeded", templateName, line);
        }
        return out.toString();
    }

    /** One expression's value in a fresh top-level frame. */
    Object evaluate(Nodes.Expr expr) {
        scope = new Scope(context);
        try {
            return expr.eval(this);
        } catch (TemplateException e) {
            throw e.at(templateName, line > 0 ? line : expr.line);
        }
    }

    /** Runs a template for its top-level names; rootContext null makes its macros see their caller's context. */
    Map<String, Object> exports(Template t, Map<String, Object> rootContext) {
        return exports(t, rootContext, null, false);
    }

    /**
     * As {@link #exports(Template, Map)}, the template's names looked up in namespace first; with
     * withPrivate, names starting with an underscore too (dbt loads such macros as any other).
     */
    Map<String, Object> exports(Template t, Map<String, Object> rootContext, Map<String, Object> namespace,
            boolean withPrivate) {
        return exports(t, rootContext, namespace, withPrivate, new StringBuilder());
    }

    /** As above, the template's output written to body (an imported module prints as it). */
    Map<String, Object> exports(Template t, Map<String, Object> rootContext, Map<String, Object> namespace,
            boolean withPrivate, StringBuilder body) {
        StringBuilder savedOut = out;
        Scope root = new Scope(rootContext, namespace);
        out = body;
        try {
            runTopLevel(t, root);
        } finally {
            out = savedOut;
        }
        Map<String, Object> names = new LinkedHashMap<>();
        root.locals().forEach((k, v) -> {
            if (withPrivate || !k.startsWith("_")) {
                names.put(k, v);
            }
        });
        return names;
    }

    /** What running a template, block or macro changes, to give back when it is done. */
    private record Saved(Scope scope, StringBuilder out, String templateName, Inheritance inheritance,
            Inheritance.TopLevel topLevel, int line, boolean autoescape, boolean contextAutoescape) {
    }

    private Saved save() {
        return new Saved(scope, out, templateName, inheritance, topLevel, line, autoescape, contextAutoescape);
    }

    private void restore(Saved s) {
        scope = s.scope();
        out = s.out();
        templateName = s.templateName();
        inheritance = s.inheritance();
        topLevel = s.topLevel();
        line = s.line();
        autoescape = s.autoescape();
        contextAutoescape = s.contextAutoescape();
    }

    // ---- statements ----

    /**
     * Runs a template's top level in frame, then the top level of each template it extends in
     * the same frame, as Jinja2 runs a child and then its parent in one context.
     */
    private void runTopLevel(Template t, Scope frame) {
        Saved saved = save();
        inheritance = new Inheritance(t, frame);
        scope = frame;
        // a template starts with autoescape off, whether included, imported or rendered
        autoescape = false;
        contextAutoescape = false;
        int levels = 0;
        try {
            for (Template current = t; current != null; current = topLevel.parent) {
                if (++levels > env.maxDepth()) {
                    throw new TemplateException(TemplateException.Kind.RECURSION,
                            "maximum recursion depth exceeded in extends");
                }
                topLevel = new Inheritance.TopLevel();
                templateName = current.name();
                execBody(current.body);
            }
        } finally {
            restore(saved);
        }
    }

    /** Whether output is dropped here: at the top level of a template once it has extended another. */
    boolean outputDropped() {
        return topLevel != null && topLevel.parent != null;
    }

    void extend(LayoutNodes.Extends e) {
        line = e.line;
        inheritance.extend(this, topLevel, e);
    }

    void block(LayoutNodes.Block b) {
        if (b.topLevel && outputDropped()) {
            return;
        }
        line = b.line;
        inheritance.render(this, b);
    }

    /** Runs a block's body in its own frame, writing where the block stands. */
    void runBlock(String owner, List<Stmt> body, Scope frame) {
        Saved saved = save();
        enter("block");
        scope = frame;
        templateName = owner;
        topLevel = null;
        line = 0;
        // Jinja2 compiles a block's body on its own: an autoescape block around it does not count
        autoescape = false;
        try {
            execBody(body);
        } finally {
            depth--;
            restore(saved);
        }
    }

    /** What running r writes, as a string of its own. */
    String captureOutput(Runnable r) {
        StringBuilder saved = out;
        out = new StringBuilder();
        try {
            r.run();
            return out.toString();
        } finally {
            out = saved;
        }
    }

    void execBody(List<Stmt> body) {
        for (Stmt s : body) {
            try {
                s.exec(this);
            } catch (TemplateException e) {
                throw e.at(templateName, line > 0 ? line : s.line);
            } catch (Jump | MacroReturn | HostInterrupt e) {
                throw e;
            } catch (RuntimeException e) {
                throw new TemplateException(TemplateException.Kind.RUNTIME, String.valueOf(e), templateName,
                        line > 0 ? line : s.line);
            }
        }
    }

    void write(String text) {
        out.append(text);
        if (out.length() > env.maxOutput()) {
            throw new TemplateException(TemplateException.Kind.LIMIT, "the output is larger than the limit of "
                    + env.maxOutput() + " characters");
        }
    }

    void print(Nodes.Print p) {
        if (outputDropped()) {
            return;
        }
        line = p.line;
        Object v = p.expr.eval(this);
        write(autoescape ? escaped(v) : v instanceof String s ? s : Py.str(v));
    }

    void ifStmt(Nodes.If s) {
        for (int i = 0; i < s.tests.size(); i++) {
            line = s.tests.get(i).line;
            if (Py.truthy(s.tests.get(i).eval(this))) {
                execBody(s.bodies.get(i));
                return;
            }
        }
        if (s.otherwise != null) {
            execBody(s.otherwise);
        }
    }

    void forStmt(Nodes.For f) {
        line = f.line;
        Object iterable = f.iter.eval(this);
        runLoop(f, Py.list(iterable), 1);
    }

    private void runLoop(Nodes.For f, List<Object> all, int loopDepth) {
        List<Object> items = all;
        Scope outer = scope;
        if (f.condition != null) {
            items = new ArrayList<>();
            for (Object item : all) {
                scope = new Scope(outer);
                assign(f.target, item);
                boolean keep = Py.truthy(f.condition.eval(this));
                scope = outer;
                if (keep) {
                    items.add(item);
                }
            }
        }
        if (items.isEmpty()) {
            if (f.otherwise != null) {
                scope = new Scope(outer);
                try {
                    execBody(f.otherwise);
                } finally {
                    scope = outer;
                }
            }
            return;
        }
        LoopContext.Recursion again = f.recursive ? (children, d) -> {
            StringBuilder saved = out;
            Scope savedScope = scope;
            out = new StringBuilder();
            scope = outer;
            enter("loop");
            try {
                runLoop(f, children, d);
                return out.toString();
            } finally {
                depth--;
                out = saved;
                scope = savedScope;
            }
        } : null;
        LoopContext loop = new LoopContext(items, loopDepth, again);
        try {
            for (int i = 0; i < items.size(); i++) {
                loop.index0 = i;
                scope = new Scope(outer);
                assign(f.target, items.get(i));
                scope.set("loop", loop);
                try {
                    execBody(f.body);
                } catch (Jump j) {
                    if (j.isBreak) {
                        break;
                    }
                }
            }
        } finally {
            scope = outer;
        }
    }

    private void assign(Expr target, Object value) {
        if (target instanceof Nodes.Name n) {
            scope.set(n.name, value);
            return;
        }
        Nodes.Display tuple = (Nodes.Display) target;
        List<Object> values = Py.list(value);
        if (values.size() != tuple.items.size()) {
            throw new TemplateException(TemplateException.Kind.VALUE, values.size() > tuple.items.size()
                    ? "too many values to unpack (expected " + tuple.items.size() + ")"
                    : "not enough values to unpack (expected " + tuple.items.size() + ", got " + values.size() + ")");
        }
        for (int i = 0; i < values.size(); i++) {
            assign(tuple.items.get(i), values.get(i));
        }
    }

    void jump(Nodes.Jump j) {
        throw j.isBreak ? BREAK : CONTINUE;
    }

    void defineMacro(Nodes.MacroDef def) {
        scope.set(def.name, new Macro(def, scope, templateName, autoescape));
    }

    void callBlock(Nodes.CallBlock c) {
        line = c.line;
        Macro caller = new Macro(c.caller, scope, templateName, autoescape);
        Object fn = c.call.fn.eval(this);
        Arguments args = arguments(c.call.args, c.line);
        Map<String, Object> kw = new LinkedHashMap<>(args.keywords());
        kw.put("caller", caller);
        Object v = callValue(fn, new Arguments(this, args.positional(), kw, c.line), c.call.fn);
        write(Py.str(v));
    }

    void filterBlock(Nodes.FilterBlock f) {
        String text = capture(f.body);
        line = f.line;
        Object result = filter(f.filter, text);
        if (!(result instanceof String)) {
            // Jinja2 joins the filtered value into the output as it is, which only a string survives
            throw Arguments.typeError("sequence item 0: expected str instance, " + Py.typeName(result) + " found");
        }
        write((String) result);
    }

    void set(Nodes.Set s) {
        line = s.line;
        Object value;
        if (s.body != null) {
            // unlike a filter block's, a set block's body keeps its output in an extended template
            Inheritance.TopLevel savedTop = topLevel;
            topLevel = null;
            try {
                value = capture(s.body);
            } finally {
                topLevel = savedTop;
            }
            if (contextAutoescape) {
                value = markSafe((String) value);
            }
            if (s.filter != null) {
                value = filter(s.filter, value);
            }
        } else {
            value = s.value.eval(this);
        }
        if (s.target instanceof Nodes.Attr a) {
            Object ns = a.obj.eval(this);
            if (!(ns instanceof Globals.Namespace namespace)) {
                throw new TemplateException(TemplateException.Kind.RUNTIME,
                        "Cannot assign attribute on non-namespace object");
            }
            namespace.put(a.name, value);
            return;
        }
        assign(s.target, value);
    }

    /** Renders a body into a string of its own, in the current frame. */
    private String capture(List<Stmt> body) {
        return captureOutput(() -> execBody(body));
    }

    void scoped(Nodes.Scoped s) {
        Scope outer = scope;
        Scope inner = new Scope(outer);
        for (int i = 0; i < s.names.size(); i++) {
            inner.set(s.names.get(i), s.values.get(i).eval(this));
        }
        scope = inner;
        try {
            execBody(s.body);
        } finally {
            scope = outer;
        }
    }

    void autoescapeBlock(LayoutNodes.AutoEscape a) {
        line = a.line;
        boolean enabled = Py.truthy(a.enabled.eval(this));
        Saved saved = save();
        scope = new Scope(scope);
        autoescape = enabled;
        contextAutoescape = enabled;
        try {
            execBody(a.body);
        } finally {
            restore(saved);
        }
    }

    void load(Nodes.Load l) {
        line = l.line;
        Imports.load(this, l);
    }

    /** Runs a loaded template in frame, as include does. */
    void include(Template t, Scope frame) {
        runTopLevel(t, frame);
    }

    Scope scope() {
        return scope;
    }

    Map<String, Object> context() {
        return context;
    }

    // ---- macros ----

    private void enter(String what) {
        if (++depth > env.maxDepth()) {
            depth--;
            throw new TemplateException(TemplateException.Kind.RECURSION, "maximum recursion depth exceeded ("
                    + env.maxDepth() + " nested calls) in " + what);
        }
    }

    Object invoke(Macro m, Arguments args) {
        Nodes.MacroDef def = m.def;
        Scope frame = new Scope(m.closure);
        Saved saved = save();
        enter("macro '" + def.name + "'");
        scope = frame;
        templateName = m.templateName;
        topLevel = null;
        boolean called = false;
        try {
            // a bad call (a missing or extra argument) is the caller's error, at the caller's line
            m.bind(frame, args, this);
            calls.add(new MacroCall(def.name, m.templateName, saved.templateName(), saved.line()));
            called = true;
            // lines from here on are the macro's own: none of the caller's stays behind for its errors
            line = 0;
            out = new StringBuilder();
            autoescape = m.autoescape;
            execBody(def.body);
            // whether a macro's text is markup depends on where it is called, as in Jinja2
            return contextAutoescape ? markSafe(out.toString()) : out.toString();
        } catch (MacroReturn r) {
            return r.value();
        } catch (TemplateException e) {
            if (called) {
                e.calledFrom(calls.get(calls.size() - 1));
            }
            throw e;
        } catch (StackOverflowError e) {
            throw new TemplateException(TemplateException.Kind.RECURSION,
                    "maximum recursion depth exceeded in macro '" + def.name + "'");
        } finally {
            if (called) {
                calls.remove(calls.size() - 1);
            }
            depth--;
            restore(saved);
        }
    }
}
