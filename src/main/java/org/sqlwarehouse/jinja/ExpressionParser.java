package org.sqlwarehouse.jinja;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sqlwarehouse.jinja.Nodes.Args;
import org.sqlwarehouse.jinja.Nodes.Expr;
import org.sqlwarehouse.jinja.Token.Type;

/**
 * Jinja2's expression grammar over a token list: conditional expressions, or/and/not, chained
 * comparisons, arithmetic with Jinja2's precedence (** binds left to right, ~ between + and *),
 * filters, tests, calls on anything, subscripts and slices, literals with trailing commas.
 */
class ExpressionParser {
    private static final Set<String> COMPARE = Set.of("==", "!=", "<", ">", "<=", ">=");

    protected final List<Token> tokens;
    protected final String name;
    protected final Environment env;
    protected int pos;
    /** The names read inside each macro being parsed, to know whether it uses caller, varargs, kwargs. */
    protected final Deque<Set<String>> nameCollectors = new ArrayDeque<>();
    /**
     * True directly inside an if statement, where Jinja2 leaves an unknown filter or test to fail
     * when it is used rather than when the template is compiled.
     */
    protected boolean soft;

    ExpressionParser(List<Token> tokens, String name, Environment env) {
        this.tokens = tokens;
        this.name = name;
        this.env = env;
    }

    protected Token cur() {
        return tokens.get(pos);
    }

    protected Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    protected Token next() {
        Token t = tokens.get(pos);
        if (pos < tokens.size() - 1) {
            pos++;
        }
        return t;
    }

    protected TemplateException error(String message, int line) {
        return new TemplateException(TemplateException.Kind.SYNTAX, message, name, line);
    }

    protected TemplateException unexpected(Token t, String expected) {
        return error("expected " + expected + ", got " + t.describe(), t.line());
    }

    protected Token expectOp(String op) {
        if (!cur().isOp(op)) {
            throw unexpected(cur(), "'" + op + "'");
        }
        return next();
    }

    protected String expectName() {
        if (cur().type() != Type.NAME) {
            throw unexpected(cur(), "name");
        }
        return next().text();
    }

    protected boolean skipOp(String op) {
        if (cur().isOp(op)) {
            next();
            return true;
        }
        return false;
    }

    protected boolean skipName(String word) {
        if (cur().isName(word)) {
            next();
            return true;
        }
        return false;
    }

    protected Nodes.Name nameNode(int line, String n) {
        for (Set<String> c : nameCollectors) {
            c.add(n);
        }
        return new Nodes.Name(line, n);
    }

    Expr parseExpression() {
        return parseExpression(true);
    }

    Expr parseExpression(boolean withCondexpr) {
        return withCondexpr ? parseCondexpr() : parseOr();
    }

    private Expr parseCondexpr() {
        int line = cur().line();
        Expr expr = parseOr();
        while (skipName("if")) {
            Expr test = parseOr();
            Expr otherwise = skipName("else") ? parseCondexpr() : null;
            expr = new Nodes.Cond(line, test, expr, otherwise);
        }
        return expr;
    }

    private Expr parseOr() {
        Expr left = parseAnd();
        while (cur().isName("or")) {
            int line = next().line();
            left = new Nodes.Logic(line, false, left, parseAnd());
        }
        return left;
    }

    private Expr parseAnd() {
        Expr left = parseNot();
        while (cur().isName("and")) {
            int line = next().line();
            left = new Nodes.Logic(line, true, left, parseNot());
        }
        return left;
    }

    private Expr parseNot() {
        if (cur().isName("not")) {
            int line = next().line();
            return new Nodes.Unary(line, "not", parseNot());
        }
        return parseCompare();
    }

    private Expr parseCompare() {
        int line = cur().line();
        Expr first = parseMath1();
        List<String> ops = new ArrayList<>();
        List<Expr> rest = new ArrayList<>();
        while (true) {
            Token t = cur();
            if (t.type() == Type.OP && COMPARE.contains(t.text())) {
                next();
                ops.add(t.text());
            } else if (t.isName("in")) {
                next();
                ops.add("in");
            } else if (t.isName("not") && peek(1).isName("in")) {
                next();
                next();
                ops.add("not in");
            } else {
                break;
            }
            rest.add(parseMath1());
        }
        return ops.isEmpty() ? first : new Nodes.Compare(line, first, ops, rest);
    }

    private Expr parseMath1() {
        Expr left = parseConcat();
        while (cur().isOp("+") || cur().isOp("-")) {
            Token op = next();
            left = new Nodes.Binary(op.line(), op.text(), left, parseConcat());
        }
        return left;
    }

    private Expr parseConcat() {
        Expr left = parseMath2();
        while (cur().isOp("~")) {
            Token op = next();
            left = new Nodes.Binary(op.line(), "~", left, parseMath2());
        }
        return left;
    }

    private Expr parseMath2() {
        Expr left = parsePow();
        while (cur().isOp("*") || cur().isOp("/") || cur().isOp("//") || cur().isOp("%")) {
            Token op = next();
            left = new Nodes.Binary(op.line(), op.text(), left, parsePow());
        }
        return left;
    }

    private Expr parsePow() {
        Expr left = parseUnary(true);
        while (cur().isOp("**")) {
            Token op = next();
            left = new Nodes.Binary(op.line(), "**", left, parseUnary(true));
        }
        return left;
    }

    private Expr parseUnary(boolean withFilter) {
        Token t = cur();
        Expr node;
        if (t.isOp("-") || t.isOp("+")) {
            next();
            node = new Nodes.Unary(t.line(), t.text(), parseUnary(false));
        } else {
            node = parsePrimary();
        }
        node = parsePostfix(node);
        return withFilter ? parseFilterExpr(node) : node;
    }

    protected Expr parsePrimary() {
        Token t = cur();
        switch (t.type()) {
            case NAME -> {
                next();
                return switch (t.text()) {
                    case "true", "True" -> new Nodes.Const(t.line(), Boolean.TRUE);
                    case "false", "False" -> new Nodes.Const(t.line(), Boolean.FALSE);
                    case "none", "None" -> new Nodes.Const(t.line(), null);
                    default -> nameNode(t.line(), t.text());
                };
            }
            case STRING -> {
                next();
                StringBuilder b = new StringBuilder((String) t.value());
                while (cur().type() == Type.STRING) {
                    b.append((String) next().value());
                }
                return new Nodes.Const(t.line(), b.toString());
            }
            case INT, FLOAT -> {
                next();
                return new Nodes.Const(t.line(), t.value());
            }
            default -> {
                if (t.isOp("(")) {
                    next();
                    Expr e = parseTuple(false, true, Set.of(), true);
                    expectOp(")");
                    return e;
                }
                if (t.isOp("[")) {
                    return parseList();
                }
                if (t.isOp("{")) {
                    return parseDict();
                }
                throw error("unexpected " + t.describe(), t.line());
            }
        }
    }

    /**
     * Expressions separated by commas: one expression, or a tuple when there is a comma (or, in
     * parentheses, nothing at all).
     */
    Expr parseTuple(boolean simplified, boolean withCondexpr, Set<String> extraEnd, boolean explicitParens) {
        int line = cur().line();
        List<Expr> items = new ArrayList<>();
        boolean comma = false;
        while (true) {
            if (!items.isEmpty()) {
                expectOp(",");
            }
            if (isTupleEnd(extraEnd)) {
                break;
            }
            items.add(simplified ? parsePrimary() : parseExpression(withCondexpr));
            if (cur().isOp(",")) {
                comma = true;
            } else {
                break;
            }
        }
        if (!comma) {
            if (!items.isEmpty()) {
                return items.get(0);
            }
            if (!explicitParens) {
                throw error("Expected an expression, got " + cur().describe(), cur().line());
            }
        }
        return new Nodes.Display(line, Nodes.Display.Kind.TUPLE, items, null);
    }

    private boolean isTupleEnd(Set<String> extraEnd) {
        Token t = cur();
        if (t.type() == Type.VAR_END || t.type() == Type.BLOCK_END || t.isOp(")") || t.type() == Type.EOF) {
            return true;
        }
        return t.type() == Type.NAME && extraEnd.contains(t.text()) || t.type() == Type.OP && extraEnd.contains(t.text());
    }

    private Expr parseList() {
        int line = expectOp("[").line();
        List<Expr> items = new ArrayList<>();
        while (!cur().isOp("]")) {
            if (!items.isEmpty()) {
                expectOp(",");
            }
            if (cur().isOp("]")) {
                break;
            }
            items.add(parseExpression());
        }
        expectOp("]");
        return new Nodes.Display(line, Nodes.Display.Kind.LIST, items, null);
    }

    private Expr parseDict() {
        int line = expectOp("{").line();
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (!cur().isOp("}")) {
            if (!keys.isEmpty()) {
                expectOp(",");
            }
            if (cur().isOp("}")) {
                break;
            }
            keys.add(parseExpression());
            expectOp(":");
            values.add(parseExpression());
        }
        expectOp("}");
        return new Nodes.Display(line, Nodes.Display.Kind.DICT, keys, values);
    }

    protected Expr parsePostfix(Expr node) {
        Expr n = node;
        while (true) {
            Token t = cur();
            if (t.isOp(".") || t.isOp("[")) {
                n = parseSubscript(n);
            } else if (t.isOp("(")) {
                n = new Nodes.CallExpr(t.line(), n, parseCallArgs());
            } else {
                return n;
            }
        }
    }

    private Expr parseFilterExpr(Expr node) {
        Expr n = node;
        while (true) {
            Token t = cur();
            if (t.isOp("|")) {
                n = parseFilter(n, false);
            } else if (t.isName("is")) {
                n = parseTest(n);
            } else if (t.isOp("(")) {
                n = new Nodes.CallExpr(t.line(), n, parseCallArgs());
            } else {
                return n;
            }
        }
    }

    private Expr parseSubscript(Expr node) {
        Token t = next();
        if (t.isOp(".")) {
            Token attr = next();
            if (attr.type() == Type.NAME) {
                return new Nodes.Attr(t.line(), node, attr.text());
            }
            if (attr.type() == Type.INT) {
                return new Nodes.Item(t.line(), node, new Nodes.Const(attr.line(), attr.value()));
            }
            throw error("expected name or number", attr.line());
        }
        List<Expr> keys = new ArrayList<>();
        while (!cur().isOp("]")) {
            if (!keys.isEmpty()) {
                expectOp(",");
                if (cur().isOp("]")) {
                    break;
                }
            }
            keys.add(parseSubscribed());
        }
        expectOp("]");
        if (keys.isEmpty()) {
            throw error("expected an expression in '[]'", t.line());
        }
        Expr key = keys.size() == 1 ? keys.get(0) : new Nodes.Display(t.line(), Nodes.Display.Kind.TUPLE, keys, null);
        return new Nodes.Item(t.line(), node, key);
    }

    private Expr parseSubscribed() {
        int line = cur().line();
        Expr start = null;
        if (!cur().isOp(":")) {
            start = parseExpression();
            if (!cur().isOp(":")) {
                return start;
            }
        }
        next();
        Expr stop = cur().isOp("]") || cur().isOp(",") || cur().isOp(":") ? null : parseExpression();
        Expr step = null;
        if (skipOp(":") && !(cur().isOp("]") || cur().isOp(","))) {
            step = parseExpression();
        }
        return new Nodes.Slice(line, start, stop, step);
    }

    protected Args parseCallArgs() {
        expectOp("(");
        List<Expr> positional = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        Expr star = null;
        Expr starStar = null;
        boolean first = true;
        while (!cur().isOp(")")) {
            if (!first) {
                expectOp(",");
                if (cur().isOp(")")) {
                    break;
                }
            }
            first = false;
            Token t = cur();
            if (t.isOp("*")) {
                next();
                star = parseExpression();
            } else if (t.isOp("**")) {
                next();
                starStar = parseExpression();
            } else if (t.type() == Type.NAME && peek(1).isOp("=")) {
                next();
                next();
                names.add(t.text());
                values.add(parseExpression());
            } else {
                if (!names.isEmpty() || star != null || starStar != null) {
                    throw error("Invalid argument syntax: positional argument after keyword argument", t.line());
                }
                positional.add(parseExpression());
            }
        }
        expectOp(")");
        return new Args(positional, names, values, star, starStar);
    }

    private String dottedName() {
        StringBuilder b = new StringBuilder(expectName());
        while (cur().isOp(".") && peek(1).type() == Type.NAME) {
            next();
            b.append('.').append(next().text());
        }
        return b.toString();
    }

    /** One or more filters; with startInline the first has no leading pipe (filter blocks). */
    protected Nodes.FilterExpr parseFilter(Expr base, boolean startInline) {
        Expr node = base;
        boolean first = true;
        while (cur().isOp("|") || (startInline && first)) {
            if (!(startInline && first)) {
                next();
            }
            first = false;
            Token t = cur();
            String filter = dottedName();
            if (!soft && !env.hasFilter(filter)) {
                throw error("unknown filter '" + filter + "'", t.line());
            }
            Args args = cur().isOp("(") ? parseCallArgs() : Args.NONE;
            node = new Nodes.FilterExpr(t.line(), node, filter, args);
        }
        return (Nodes.FilterExpr) node;
    }

    private Expr parseTest(Expr node) {
        Token is = next();
        boolean negated = skipName("not");
        Token t = cur();
        String test = dottedName();
        if (!soft && !env.hasTest(test)) {
            throw error("unknown test '" + test + "'", t.line());
        }
        Args args = Args.NONE;
        Token c = cur();
        if (c.isOp("(")) {
            args = parseCallArgs();
        } else if ((c.type() == Type.NAME || c.type() == Type.STRING || c.type() == Type.INT || c.type() == Type.FLOAT
                || c.isOp("[") || c.isOp("{")) && !c.isName("else") && !c.isName("or") && !c.isName("and")) {
            if (c.isName("is")) {
                throw error("You cannot chain multiple tests with is", c.line());
            }
            Expr arg = parsePostfix(parsePrimary());
            args = new Args(List.of(arg), List.of(), List.of(), null, null);
        }
        return new Nodes.TestExpr(is.line(), node, test, args, negated);
    }

    /** A name, a tuple of names, or (with namespace) name.attr: what set and for assign to. */
    protected Expr parseAssignTarget(boolean withTuple, boolean withNamespace, Set<String> extraEnd) {
        Token t = cur();
        if (withNamespace && t.type() == Type.NAME && peek(1).isOp(".") && peek(2).type() == Type.NAME) {
            next();
            next();
            String attr = next().text();
            return new Nodes.Attr(t.line(), nameNode(t.line(), t.text()), attr);
        }
        if (withTuple) {
            Expr target = parseTuple(true, true, extraEnd, false);
            checkAssignable(target);
            return target;
        }
        String n = expectName();
        return new Nodes.Name(t.line(), n);
    }

    private void checkAssignable(Expr target) {
        if (target instanceof Nodes.Name) {
            return;
        }
        if (target instanceof Nodes.Display d && d.kind == Nodes.Display.Kind.TUPLE) {
            for (Expr e : d.items) {
                checkAssignable(e);
            }
            return;
        }
        throw error("can't assign to " + target.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT),
                target.line);
    }

    protected static Set<String> set(String... names) {
        return new HashSet<>(List.of(names));
    }
}
