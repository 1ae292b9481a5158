package org.sqlwarehouse.jinja;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlwarehouse.jinja.Nodes.Expr;
import org.sqlwarehouse.jinja.Nodes.Stmt;
import org.sqlwarehouse.jinja.Token.Type;

/**
 * Jinja2's statements: if, for, macro, call, filter, set, do, break, continue, include, import,
 * from, with, extends, block and autoescape; and dbt's {@code test} blocks, which are macros named
 * {@code test_<name>}.
 */
final class Parser extends ExpressionParser {
    private int loopDepth;
    /** The innermost open tag, for the message when a template ends inside it. */
    private final List<String> openTags = new ArrayList<>();
    /**
     * How many frames of their own (for, macro, call, filter, set, with, block) enclose the
     * current statement: extends needs none, and a block with none is skipped once extended.
     */
    private int frameDepth;
    /** The template's blocks, wherever they are, for templates that extend it. */
    private final Map<String, LayoutNodes.Block> blocks = new LinkedHashMap<>();

    private Parser(List<Token> tokens, String name, Environment env) {
        super(tokens, name, env);
    }

    static Template parse(Environment env, String name, String source) {
        Parser p = new Parser(Lexer.tokenize(source, name), name, env);
        List<Stmt> body = p.subparse(Set.of());
        return new Template(env, name, body, p.blocks);
    }

    /** Statements up to one of the end tags (left as the current token, after the opening {%). */
    private List<Stmt> subparse(Set<String> endTags) {
        List<Stmt> body = new ArrayList<>();
        while (true) {
            Token t = cur();
            switch (t.type()) {
                case DATA -> {
                    next();
                    body.add(new Nodes.Data(t.line(), t.text()));
                }
                case VAR_BEGIN -> {
                    next();
                    Expr e = parseTuple(false, true, Set.of(), false);
                    if (cur().type() != Type.VAR_END) {
                        throw unexpected(cur(), "end of print statement");
                    }
                    next();
                    body.add(new Nodes.Print(t.line(), e));
                }
                case BLOCK_BEGIN -> {
                    next();
                    Token tag = cur();
                    if (tag.type() == Type.NAME && endTags.contains(tag.text())) {
                        return body;
                    }
                    body.add(statement());
                }
                case EOF -> {
                    if (!endTags.isEmpty()) {
                        List<String> sorted = new ArrayList<>(endTags);
                        sorted.sort(null);
                        throw error("Unexpected end of template. Jinja was looking for the following tags: "
                                + String.join(" or ", sorted.stream().map(s -> "'" + s + "'").toList())
                                + ". The innermost block that needs to be closed is '"
                                + openTags.get(openTags.size() - 1) + "'.", t.line());
                    }
                    return body;
                }
                default -> throw unexpected(t, "template data or a tag");
            }
        }
    }

    private void endOfTag() {
        if (cur().type() != Type.BLOCK_END) {
            throw unexpected(cur(), "end of statement block");
        }
        next();
    }

    /** The body up to the end tag, consuming the end tag and its %}. */
    private List<Stmt> bodyUntil(String tag, String endTag) {
        openTags.add(tag);
        boolean wasSoft = soft;
        soft = false;
        List<Stmt> body;
        try {
            body = subparse(Set.of(endTag));
        } finally {
            soft = wasSoft;
        }
        openTags.remove(openTags.size() - 1);
        next();
        endOfTag();
        return body;
    }

    /** As bodyUntil, for a statement whose body runs in a frame of its own. */
    private List<Stmt> innerBodyUntil(String tag, String endTag) {
        frameDepth++;
        try {
            return bodyUntil(tag, endTag);
        } finally {
            frameDepth--;
        }
    }

    private Stmt statement() {
        Token t = cur();
        if (t.type() != Type.NAME) {
            throw error("tag name expected", t.line());
        }
        next();
        Stmt s = switch (t.text()) {
            case "if" -> parseIf(t);
            case "for" -> parseFor(t);
            case "macro" -> parseMacro(t, "macro", "endmacro", "");
            case "test" -> parseMacro(t, "test", "endtest", "test_");
            case "call" -> parseCallBlock(t);
            case "filter" -> parseFilterBlock(t);
            case "set" -> parseSet(t);
            case "do" -> {
                Expr e = parseTuple(false, true, Set.of(), false);
                endOfTag();
                yield new Nodes.Do(t.line(), e);
            }
            case "break", "continue" -> {
                if (loopDepth == 0) {
                    throw error("'" + t.text() + "' is outside of a loop", t.line());
                }
                endOfTag();
                yield new Nodes.Jump(t.line(), t.text().equals("break"));
            }
            case "include" -> parseInclude(t);
            case "import" -> parseImport(t);
            case "from" -> parseFrom(t);
            case "with" -> parseWith(t);
            case "block" -> parseBlock(t);
            case "extends" -> {
                if (frameDepth > 0) {
                    throw error("cannot use extend from a non top-level scope", t.line());
                }
                Expr parent = parseExpression();
                endOfTag();
                yield new LayoutNodes.Extends(t.line(), parent);
            }
            case "autoescape" -> {
                Expr enabled = parseExpression();
                endOfTag();
                yield new LayoutNodes.AutoEscape(t.line(), enabled, bodyUntil("autoescape", "endautoescape"));
            }
            default -> throw error("Encountered unknown tag '" + t.text() + "'.", t.line());
        };
        return s;
    }

    private Stmt parseIf(Token t) {
        boolean wasSoft = soft;
        soft = true;
        try {
            return parseIfBody(t);
        } finally {
            soft = wasSoft;
        }
    }

    private Stmt parseIfBody(Token t) {
        List<Expr> tests = new ArrayList<>();
        List<List<Stmt>> bodies = new ArrayList<>();
        List<Stmt> otherwise = null;
        tests.add(parseTuple(false, false, Set.of(), false));
        endOfTag();
        openTags.add("if");
        while (true) {
            bodies.add(subparse(Set.of("elif", "else", "endif")));
            String tag = next().text();
            if (tag.equals("elif")) {
                tests.add(parseTuple(false, false, Set.of(), false));
                endOfTag();
            } else if (tag.equals("else")) {
                endOfTag();
                otherwise = subparse(Set.of("endif"));
                next();
                endOfTag();
                break;
            } else {
                endOfTag();
                break;
            }
        }
        openTags.remove(openTags.size() - 1);
        return new Nodes.If(t.line(), tests, bodies, otherwise);
    }

    private Stmt parseFor(Token t) {
        Expr target = parseAssignTarget(true, false, Set.of("in"));
        if (!skipName("in")) {
            throw unexpected(cur(), "'in'");
        }
        Expr iter = parseTuple(false, false, Set.of("recursive"), false);
        Expr condition = skipName("if") ? parseExpression() : null;
        boolean recursive = skipName("recursive");
        endOfTag();
        openTags.add("for");
        loopDepth++;
        frameDepth++;
        boolean wasSoft = soft;
        soft = false;
        List<Stmt> body;
        List<Stmt> otherwise = null;
        try {
            body = subparse(Set.of("endfor", "else"));
            loopDepth--;
            if (next().text().equals("else")) {
                endOfTag();
                otherwise = subparse(Set.of("endfor"));
                next();
            }
        } finally {
            soft = wasSoft;
            frameDepth--;
        }
        endOfTag();
        openTags.remove(openTags.size() - 1);
        return new Nodes.For(t.line(), target, iter, condition, recursive, body, otherwise);
    }

    /** A signature and a body; with names collected to see whether caller, varargs or kwargs are used. */
    private Nodes.MacroDef macroBody(Token t, String macroName, List<String> params, List<Expr> defaults,
            String tag, String endTag) {
        Set<String> used = new HashSet<>();
        nameCollectors.push(used);
        int savedLoops = loopDepth;
        loopDepth = 0;
        List<Stmt> body;
        try {
            body = innerBodyUntil(tag, endTag);
        } finally {
            loopDepth = savedLoops;
            nameCollectors.pop();
        }
        for (Set<String> outer : nameCollectors) {
            outer.addAll(used);
        }
        // a parameter of that name is an ordinary parameter, not the special variable
        return new Nodes.MacroDef(t.line(), macroName, params, defaults, body,
                used.contains("caller") && !params.contains("caller"),
                used.contains("varargs") && !params.contains("varargs"),
                used.contains("kwargs") && !params.contains("kwargs"));
    }

    private void parseSignature(List<String> params, List<Expr> defaults) {
        expectOp("(");
        while (!cur().isOp(")")) {
            if (!params.isEmpty()) {
                expectOp(",");
            }
            Token p = cur();
            String param = expectName();
            if (params.contains(param)) {
                throw error("duplicate argument '" + param + "' in function definition", p.line());
            }
            params.add(param);
            if (skipOp("=")) {
                defaults.add(parseExpression());
            } else if (param.equals("caller")) {
                throw error("When defining macros or call blocks the special \"caller\" argument must be omitted "
                        + "or be given a default.", p.line());
            } else {
                if (!defaults.isEmpty() && defaults.get(defaults.size() - 1) != null) {
                    throw error("non-default argument follows default argument", p.line());
                }
                defaults.add(null);
            }
        }
        expectOp(")");
    }

    private Stmt parseMacro(Token t, String tag, String endTag, String prefix) {
        String macroName = prefix + expectName();
        List<String> params = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
        parseSignature(params, defaults);
        endOfTag();
        return macroBody(t, macroName, params, defaults, tag, endTag);
    }

    private Stmt parseCallBlock(Token t) {
        List<String> params = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
        if (cur().isOp("(")) {
            parseSignature(params, defaults);
        }
        Expr call = parseExpression();
        if (!(call instanceof Nodes.CallExpr callExpr)) {
            throw error("expected call", t.line());
        }
        endOfTag();
        return new Nodes.CallBlock(t.line(), callExpr, macroBody(t, "caller", params, defaults, "call", "endcall"));
    }

    private Stmt parseFilterBlock(Token t) {
        Nodes.FilterExpr filter = parseFilter(null, true);
        endOfTag();
        return new Nodes.FilterBlock(t.line(), filter, innerBodyUntil("filter", "endfilter"));
    }

    private Stmt parseSet(Token t) {
        Expr target = parseAssignTarget(true, true, Set.of());
        if (skipOp("=")) {
            Expr value = parseTuple(false, true, Set.of(), false);
            endOfTag();
            return new Nodes.Set(t.line(), target, value, null, null);
        }
        Nodes.FilterExpr filter = cur().isOp("|") ? parseFilter(null, false) : null;
        endOfTag();
        return new Nodes.Set(t.line(), target, null, innerBodyUntil("set", "endset"), filter);
    }

    private boolean parseContext(boolean fallback) {
        if ((cur().isName("with") || cur().isName("without")) && peek(1).isName("context")) {
            boolean with = next().text().equals("with");
            next();
            return with;
        }
        return fallback;
    }

    private Stmt parseInclude(Token t) {
        Expr template = parseExpression();
        boolean ignore = false;
        if (cur().isName("ignore") && peek(1).isName("missing")) {
            next();
            next();
            ignore = true;
        }
        boolean with = parseContext(true);
        endOfTag();
        return new Nodes.Load(t.line(), Nodes.Load.Kind.INCLUDE, template, ignore, with, null, null, null);
    }

    private Stmt parseImport(Token t) {
        Expr template = parseExpression();
        if (!skipName("as")) {
            throw unexpected(cur(), "'as'");
        }
        String alias = expectName();
        boolean with = parseContext(false);
        endOfTag();
        return new Nodes.Load(t.line(), Nodes.Load.Kind.IMPORT, template, false, with, alias, null, null);
    }

    private Stmt parseFrom(Token t) {
        Expr template = parseExpression();
        if (!skipName("import")) {
            throw unexpected(cur(), "'import'");
        }
        List<String> names = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        boolean with = false;
        while (true) {
            if (!names.isEmpty() && !skipOp(",")) {
                break;
            }
            if ((cur().isName("with") || cur().isName("without")) && peek(1).isName("context")) {
                with = parseContext(false);
                break;
            }
            if (cur().type() != Type.NAME) {
                break;
            }
            String n = expectName();
            if (n.startsWith("_")) {
                throw error("names starting with an underline can not be imported", t.line());
            }
            names.add(n);
            aliases.add(skipName("as") ? expectName() : n);
            if ((cur().isName("with") || cur().isName("without")) && peek(1).isName("context")) {
                with = parseContext(false);
                break;
            }
        }
        endOfTag();
        return new Nodes.Load(t.line(), Nodes.Load.Kind.FROM, template, false, with, null, names, aliases);
    }

    private Stmt parseWith(Token t) {
        List<String> names = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (cur().type() != Type.BLOCK_END) {
            if (!names.isEmpty()) {
                expectOp(",");
            }
            names.add(expectName());
            expectOp("=");
            values.add(parseExpression());
        }
        endOfTag();
        return new Nodes.Scoped(t.line(), names, values, innerBodyUntil("with", "endwith"));
    }

    private Stmt parseBlock(Token t) {
        String block = expectName();
        boolean scoped = skipName("scoped");
        boolean required = skipName("required");
        if (cur().isOp("-")) {
            throw error("Block names in Jinja have to be valid Python identifiers and may not contain hyphens, "
                    + "use an underscore instead.", t.line());
        }
        endOfTag();
        boolean topLevel = frameDepth == 0;
        int savedLoops = loopDepth;
        // a block's body is a function of its own: the loops around it are not its loops
        loopDepth = 0;
        List<Stmt> body;
        try {
            body = innerBodyUntil("block", "endblock", block);
        } finally {
            loopDepth = savedLoops;
        }
        if (required && !body.stream().allMatch(s -> s instanceof Nodes.Data d && d.text.isBlank())) {
            throw error("Required blocks can only contain comments or whitespace", t.line());
        }
        if (blocks.containsKey(block)) {
            throw error("block '" + block + "' defined twice", t.line());
        }
        LayoutNodes.Block node = new LayoutNodes.Block(t.line(), block, scoped, required, topLevel, body);
        blocks.put(block, node);
        return node;
    }

    /** A block's body: up to endblock, which may repeat the block's name. */
    private List<Stmt> innerBodyUntil(String tag, String endTag, String name) {
        frameDepth++;
        openTags.add(tag);
        boolean wasSoft = soft;
        soft = false;
        List<Stmt> body;
        try {
            body = subparse(Set.of(endTag));
        } finally {
            frameDepth--;
            soft = wasSoft;
        }
        openTags.remove(openTags.size() - 1);
        next();
        if (cur().type() == Type.NAME) {
            Token closing = next();
            if (!closing.text().equals(name)) {
                throw unexpected(closing, "end of statement block");
            }
        }
        endOfTag();
        return body;
    }
}
