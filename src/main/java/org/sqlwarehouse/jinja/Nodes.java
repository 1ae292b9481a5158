package org.sqlwarehouse.jinja;

import java.util.List;

/**
 * The syntax tree of a template. Each node knows its line and hands itself to the {@link Evaluator}
 * (double dispatch keeps the tree free of evaluation logic and the evaluator free of type switches).
 */
final class Nodes {
    private Nodes() {
    }

    /** Any node. */
    abstract static class Node {
        final int line;

        Node(int line) {
            this.line = line;
        }
    }

    /** An expression: evaluates to a value. */
    abstract static class Expr extends Node {
        Expr(int line) {
            super(line);
        }

        abstract Object eval(ExpressionEvaluator ev);
    }

    /** A statement: writes output or changes the scope. */
    abstract static class Stmt extends Node {
        Stmt(int line) {
            super(line);
        }

        abstract void exec(Evaluator ev);
    }

    static final class Const extends Expr {
        final Object value;

        Const(int line, Object value) {
            super(line);
            this.value = value;
        }

        @Override
        Object eval(ExpressionEvaluator ev) {
            return value;
        }
    }

    static final class Name extends Expr {
        final String name;

        Name(int line, String name) {
            super(line);
            this.name = name;
        }

        @Override
        Object eval(ExpressionEvaluator ev) {
            return ev.lookup(this);
        }
    }

    /** A list, tuple or dict display. */
    static final class Display extends Expr {
        enum Kind { LIST, TUPLE, DICT }

        final Kind kind;
        final List<Expr> items;
        final List<Expr> values;

        Display(int line, Kind kind, List<Expr> items, List<Expr> values) {
            super(line);
            this.kind = kind;
            this.items = items;
            this.values = values;
        }

        @Override
        Object eval(ExpressionEvaluator ev) {
            return ev.display(this);
        }
    }

    static final class Attr extends Expr {
        final Expr obj;
        final String name;

        Attr(int line, Expr obj, String name) {
            super(line);
            this.obj = obj;
            this.name = name;
        }

        @Override
        Object eval(ExpressionEvaluator ev) {
            return ev.attr(this);
        }
    }

    static final class Item extends Expr {
        final Expr obj;
        final Expr key;

        Item(int line, Expr obj, Expr key) {
            super(line);
            this.obj = obj;
            this.key = key;
        }

        @Override
        Object eval(ExpressionEvaluator ev) {
            return ev.item(this);
        }
    }

    static final class Slice extends Expr {
        final Expr start;
        final Expr stop;
        final Expr step;

        Slice(int line, Expr start, Expr stop, Expr step) {
            super(line);
            this.start = start;
            this.stop = stop;
            this.step = step;
        }

        @Override
        Object eval(ExpressionEvaluator ev) {
            return ev.slice(this);
        }
    }

    /** Arguments of a call, filter or test. */
    record Args(List<Expr> positional, List<String> names, List<Expr> values, Expr star, Expr starStar) {
        static final Args NONE = new Args(List.of(), List.of(), List.of(), null, null);
    }

    static final class CallExpr extends Expr {
        final Expr fn;
        final Args args;

        CallExpr(int line, Expr fn, Args args) {
            super(line);
            this.fn = fn;
            this.args = args;
        }

        @Override
        Object eval(ExpressionEvaluator ev) {
            return ev.call(this);
        }
    }

    /** {@code base | name(args)}; base is null for the innermost filter of a filter block. */
    static final class FilterExpr extends Expr {
        final Expr base;
        final String name;
        final Args args;

        FilterExpr(int line, Expr base, String name, Args args) {
            super(line);
            this.base = base;
            this.name = name;
            this.args = args;
        }

        @Override
        Object eval(ExpressionEvaluator ev) {
            return ev.filter(this, null);
        }
    }

    static final class TestExpr extends Expr {
        final Expr base;
        final String name;
        final Args args;
        final boolean negated;

        TestExpr(int line, Expr base, String name, Args args, boolean negated) {
            super(line);
            this.base = base;
            this.name = name;
            this.args = args;
            this.negated = negated;
        }

        @Override
        Object eval(ExpressionEvaluator ev) {
            return ev.test(this);
        }
    }

    /** Arithmetic and concatenation: + - * / // % ** ~. */
    static final class Binary extends Expr {
        final String op;
        final Expr left;
        final Expr right;

        Binary(int line, String op, Expr left, Expr right) {
            super(line);
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(ExpressionEvaluator ev) {
            return ev.binary(this);
        }
    }

    /** - + and not. */
    static final class Unary extends Expr {
        final String op;
        final Expr operand;

        Unary(int line, String op, Expr operand) {
            super(line);
            this.op = op;
            this.operand = operand;
        }

        @Override
        Object eval(ExpressionEvaluator ev) {
            return ev.unary(this);
        }
    }

    /** and / or, which hand back one of their operands as Python does. */
    static final class Logic extends Expr {
        final boolean and;
        final Expr left;
        final Expr right;

        Logic(int line, boolean and, Expr left, Expr right) {
            super(line);
            this.and = and;
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(ExpressionEvaluator ev) {
            return ev.logic(this);
        }
    }

    /** A chain of comparisons: a < b <= c. */
    static final class Compare extends Expr {
        final Expr first;
        final List<String> ops;
        final List<Expr> rest;

        Compare(int line, Expr first, List<String> ops, List<Expr> rest) {
            super(line);
            this.first = first;
            this.ops = ops;
            this.rest = rest;
        }

        @Override
        Object eval(ExpressionEvaluator ev) {
            return ev.compare(this);
        }
    }

    /** a if b else c; without else, an undefined value when b is false. */
    static final class Cond extends Expr {
        final Expr test;
        final Expr then;
        final Expr otherwise;

        Cond(int line, Expr test, Expr then, Expr otherwise) {
            super(line);
            this.test = test;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        Object eval(ExpressionEvaluator ev) {
            return ev.cond(this);
        }
    }

    // ---- statements ----

    static final class Data extends Stmt {
        final String text;

        Data(int line, String text) {
            super(line);
            this.text = text;
        }

        @Override
        void exec(Evaluator ev) {
            if (!ev.outputDropped()) {
                ev.write(text);
            }
        }
    }

    static final class Print extends Stmt {
        final Expr expr;

        Print(int line, Expr expr) {
            super(line);
            this.expr = expr;
        }

        @Override
        void exec(Evaluator ev) {
            ev.print(this);
        }
    }

    static final class If extends Stmt {
        final List<Expr> tests;
        final List<List<Stmt>> bodies;
        final List<Stmt> otherwise;

        If(int line, List<Expr> tests, List<List<Stmt>> bodies, List<Stmt> otherwise) {
            super(line);
            this.tests = tests;
            this.bodies = bodies;
            this.otherwise = otherwise;
        }

        @Override
        void exec(Evaluator ev) {
            ev.ifStmt(this);
        }
    }

    static final class For extends Stmt {
        final Expr target;
        final Expr iter;
        final Expr condition;
        final boolean recursive;
        final List<Stmt> body;
        final List<Stmt> otherwise;

        For(int line, Expr target, Expr iter, Expr condition, boolean recursive, List<Stmt> body,
                List<Stmt> otherwise) {
            super(line);
            this.target = target;
            this.iter = iter;
            this.condition = condition;
            this.recursive = recursive;
            this.body = body;
            this.otherwise = otherwise;
        }

        @Override
        void exec(Evaluator ev) {
            ev.forStmt(this);
        }
    }

    /** A macro's signature and body; also the body of a call block. */
    static final class MacroDef extends Stmt {
        final String name;
        final List<String> params;
        final List<Expr> defaults;
        final List<Stmt> body;
        final boolean usesCaller;
        final boolean usesVarargs;
        final boolean usesKwargs;

        MacroDef(int line, String name, List<String> params, List<Expr> defaults, List<Stmt> body,
                boolean usesCaller, boolean usesVarargs, boolean usesKwargs) {
            super(line);
            this.name = name;
            this.params = params;
            this.defaults = defaults;
            this.body = body;
            this.usesCaller = usesCaller;
            this.usesVarargs = usesVarargs;
            this.usesKwargs = usesKwargs;
        }

        @Override
        void exec(Evaluator ev) {
            ev.defineMacro(this);
        }
    }

    static final class CallBlock extends Stmt {
        final CallExpr call;
        final MacroDef caller;

        CallBlock(int line, CallExpr call, MacroDef caller) {
            super(line);
            this.call = call;
            this.caller = caller;
        }

        @Override
        void exec(Evaluator ev) {
            ev.callBlock(this);
        }
    }

    static final class FilterBlock extends Stmt {
        final FilterExpr filter;
        final List<Stmt> body;

        FilterBlock(int line, FilterExpr filter, List<Stmt> body) {
            super(line);
            this.filter = filter;
            this.body = body;
        }

        @Override
        void exec(Evaluator ev) {
            ev.filterBlock(this);
        }
    }

    /** {% set target = value %}, or the block form when body is not null. */
    static final class Set extends Stmt {
        final Expr target;
        final Expr value;
        final List<Stmt> body;
        final FilterExpr filter;

        Set(int line, Expr target, Expr value, List<Stmt> body, FilterExpr filter) {
            super(line);
            this.target = target;
            this.value = value;
            this.body = body;
            this.filter = filter;
        }

        @Override
        void exec(Evaluator ev) {
            ev.set(this);
        }
    }

    static final class Do extends Stmt {
        final Expr expr;

        Do(int line, Expr expr) {
            super(line);
            this.expr = expr;
        }

        @Override
        void exec(Evaluator ev) {
            expr.eval(ev);
        }
    }

    /** break or continue. */
    static final class Jump extends Stmt {
        final boolean isBreak;

        Jump(int line, boolean isBreak) {
            super(line);
            this.isBreak = isBreak;
        }

        @Override
        void exec(Evaluator ev) {
            ev.jump(this);
        }
    }

    /** include, import and from-import. */
    static final class Load extends Stmt {
        enum Kind { INCLUDE, IMPORT, FROM }

        final Kind kind;
        final Expr template;
        final boolean ignoreMissing;
        final boolean withContext;
        final String alias;
        final List<String> names;
        final List<String> aliases;

        Load(int line, Kind kind, Expr template, boolean ignoreMissing, boolean withContext, String alias,
                List<String> names, List<String> aliases) {
            super(line);
            this.kind = kind;
            this.template = template;
            this.ignoreMissing = ignoreMissing;
            this.withContext = withContext;
            this.alias = alias;
            this.names = names;
            this.aliases = aliases;
        }

        @Override
        void exec(Evaluator ev) {
            ev.load(this);
        }
    }

    /** {% with a=1 %}: a body in a scope of its own. */
    static final class Scoped extends Stmt {
        final List<String> names;
        final List<Expr> values;
        final List<Stmt> body;

        Scoped(int line, List<String> names, List<Expr> values, List<Stmt> body) {
            super(line);
            this.names = names;
            this.values = values;
            this.body = body;
        }

        @Override
        void exec(Evaluator ev) {
            ev.scoped(this);
        }
    }
}
