package org.sqlwarehouse.jinja;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a template into tokens with Jinja2's default settings: {{ }}, {% %} and {# #}, the
 * {@code -} whitespace control on either side, raw blocks, no trim_blocks or lstrip_blocks, and
 * one trailing newline dropped (keep_trailing_newline off).
 */
final class Lexer {
    private static final Pattern RAW_BEGIN = Pattern.compile("\\{%([-+]?)\\s*raw\\s*([-+]?)%}");
    private static final Pattern RAW_END = Pattern.compile("\\{%([-+]?)\\s*endraw\\s*([-+]?)%}");
    private static final String[] OPS = {"//", "**", "==", "!=", "<=", ">=", "+", "-", "/", "*", "%", "~", "[", "]",
        "(", ")", "{", "}", "<", ">", "=", ".", ":", "|", ",", ";"};

    private final String src;
    private final String name;
    private final List<Token> out = new ArrayList<>();
    private int pos;
    private int line = 1;
    private boolean stripNext;

    private Lexer(String source, String name) {
        String s = source.indexOf('\r') >= 0 ? source.replace("\r\n", "\n").replace('\r', '\n') : source;
        if (s.endsWith("\n")) {
            s = s.substring(0, s.length() - 1);
        }
        this.src = s;
        this.name = name;
    }

    static List<Token> tokenize(String source, String name) {
        Lexer lexer = new Lexer(source, name);
        lexer.run();
        return lexer.out;
    }

    private TemplateException error(String message) {
        return new TemplateException(TemplateException.Kind.SYNTAX, message, name, line);
    }

    private void run() {
        int n = src.length();
        while (pos < n) {
            int open = nextOpen(pos);
            if (open < 0) {
                data(src.substring(pos), false);
                pos = n;
                break;
            }
            char kind = src.charAt(open + 1);
            boolean stripBefore = open + 2 < n && src.charAt(open + 2) == '-';
            data(src.substring(pos, open), stripBefore);
            pos = open;
            if (kind == '#') {
                comment();
            } else if (kind == '%' && raw()) {
                continue;
            } else {
                tag(kind == '{');
            }
        }
        out.add(new Token(Token.Type.EOF, "", null, line));
    }

    private int nextOpen(int from) {
        int i = from;
        while (true) {
            i = src.indexOf('{', i);
            if (i < 0 || i + 1 >= src.length()) {
                return -1;
            }
            char c = src.charAt(i + 1);
            if (c == '{' || c == '%' || c == '#') {
                return i;
            }
            i++;
        }
    }

    private void data(String text, boolean stripRight) {
        String t = text;
        if (stripNext) {
            t = t.stripLeading();
            stripNext = false;
        }
        if (stripRight) {
            t = t.stripTrailing();
        }
        if (!t.isEmpty()) {
            out.add(new Token(Token.Type.DATA, t, null, line));
        }
        countLines(text);
    }

    private void countLines(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
    }

    private void comment() {
        int end = src.indexOf("#}", pos + 2);
        if (end < 0) {
            throw error("Missing end of comment tag");
        }
        stripNext = src.charAt(end - 1) == '-' && end - 1 >= pos + 2;
        countLines(src.substring(pos, end + 2));
        pos = end + 2;
    }

    private boolean raw() {
        Matcher begin = RAW_BEGIN.matcher(src).region(pos, src.length());
        if (!begin.lookingAt()) {
            return false;
        }
        Matcher end = RAW_END.matcher(src);
        if (!end.find(begin.end())) {
            throw error("Missing end of raw directive");
        }
        String content = src.substring(begin.end(), end.start());
        if (begin.group(2).equals("-")) {
            content = content.stripLeading();
        }
        if (end.group(1).equals("-")) {
            content = content.stripTrailing();
        }
        if (!content.isEmpty()) {
            out.add(new Token(Token.Type.DATA, content, null, line));
        }
        countLines(src.substring(pos, end.end()));
        stripNext = end.group(2).equals("-");
        pos = end.end();
        return true;
    }

    private void tag(boolean variable) {
        out.add(new Token(variable ? Token.Type.VAR_BEGIN : Token.Type.BLOCK_BEGIN, variable ? "{{" : "{%", null, line));
        pos += 2;
        if (pos < src.length() && (src.charAt(pos) == '-' || src.charAt(pos) == '+')) {
            pos++;
        }
        char close = variable ? '}' : '%';
        List<Character> brackets = new ArrayList<>();
        int n = src.length();
        while (true) {
            while (pos < n && Character.isWhitespace(src.charAt(pos))) {
                if (src.charAt(pos) == '\n') {
                    line++;
                }
                pos++;
            }
            if (pos >= n) {
                throw error("unexpected end of template, expected '" + (variable ? "}}" : "%}") + "'");
            }
            if (brackets.isEmpty()) {
                int endLen = endAt(close);
                if (endLen > 0) {
                    stripNext = src.charAt(pos) == '-';
                    pos += endLen;
                    out.add(new Token(variable ? Token.Type.VAR_END : Token.Type.BLOCK_END, variable ? "}}" : "%}",
                            null, line));
                    return;
                }
            }
            char c = src.charAt(pos);
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < n && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                    pos++;
                }
                String word = src.substring(start, pos);
                out.add(new Token(Token.Type.NAME, word, word, line));
            } else if (Character.isDigit(c)) {
                number();
            } else if (c == '\'' || c == '"') {
                string(c);
            } else {
                String op = operator();
                if (op == null) {
                    throw error("unexpected char '" + c + "' at " + pos);
                }
                if (op.equals("(") || op.equals("[") || op.equals("{")) {
                    brackets.add(op.charAt(0));
                } else if (op.equals(")") || op.equals("]") || op.equals("}")) {
                    char expected = op.equals(")") ? '(' : op.equals("]") ? '[' : '{';
                    if (brackets.isEmpty()) {
                        throw error("unexpected '" + op + "'");
                    }
                    char last = brackets.remove(brackets.size() - 1);
                    if (last != expected) {
                        throw error("unexpected '" + op + "', expected '" + closer(last) + "'");
                    }
                }
                out.add(new Token(Token.Type.OP, op, op, line));
                pos += op.length();
            }
        }
    }

    private static String closer(char open) {
        return open == '(' ? ")" : open == '[' ? "]" : "}";
    }

    /** Length of the end delimiter at pos ("}}", "-}}", "%}", "-%}", "+%}"), or 0. */
    private int endAt(char close) {
        int p = pos;
        if (p < src.length() && (src.charAt(p) == '-' || src.charAt(p) == '+')) {
            p++;
        }
        if (p + 1 < src.length() && src.charAt(p) == close && src.charAt(p + 1) == '}') {
            return p + 2 - pos;
        }
        return 0;
    }

    private String operator() {
        for (String op : OPS) {
            if (src.startsWith(op, pos)) {
                return op;
            }
        }
        return null;
    }

    private void number() {
        int start = pos;
        int n = src.length();
        if (src.charAt(pos) == '0' && pos + 1 < n && "xXoObB".indexOf(src.charAt(pos + 1)) >= 0) {
            char base = Character.toLowerCase(src.charAt(pos + 1));
            pos += 2;
            int digitsStart = pos;
            while (pos < n && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
            String digits = src.substring(digitsStart, pos).replace("_", "");
            int radix = base == 'x' ? 16 : base == 'o' ? 8 : 2;
            try {
                out.add(new Token(Token.Type.INT, src.substring(start, pos), Py.narrow(new BigInteger(digits, radix)),
                        line));
            } catch (NumberFormatException e) {
                throw error("invalid number '" + src.substring(start, pos) + "'");
            }
            return;
        }
        digits();
        boolean isFloat = false;
        if (pos + 1 < n && src.charAt(pos) == '.' && Character.isDigit(src.charAt(pos + 1))) {
            pos++;
            digits();
            isFloat = true;
        }
        if (pos < n && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < n && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < n && Character.isDigit(src.charAt(pos))) {
                digits();
                isFloat = true;
            } else {
                pos = save;
            }
        }
        String text = src.substring(start, pos).replace("_", "");
        if (isFloat) {
            out.add(new Token(Token.Type.FLOAT, text, Double.parseDouble(text), line));
        } else {
            out.add(new Token(Token.Type.INT, text, Py.narrow(new BigInteger(text)), line));
        }
    }

    private void digits() {
        while (pos < src.length() && (Character.isDigit(src.charAt(pos))
                || (src.charAt(pos) == '_' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))))) {
            pos++;
        }
    }

    private void string(char quote) {
        int startLine = line;
        StringBuilder b = new StringBuilder();
        int i = pos + 1;
        int n = src.length();
        while (true) {
            if (i >= n) {
                line = startLine;
                throw error("unexpected char '" + quote + "' at " + pos + " (unterminated string)");
            }
            char c = src.charAt(i);
            if (c == quote) {
                break;
            }
            if (c == '\n') {
                line++;
            }
            if (c == '\\' && i + 1 < n) {
                i = escape(b, i + 1);
                continue;
            }
            b.append(c);
            i++;
        }
        out.add(new Token(Token.Type.STRING, src.substring(pos, i + 1), b.toString(), startLine));
        pos = i + 1;
    }

    /** Python's string escapes; an unknown one stays as written. Returns the index after it. */
    private int escape(StringBuilder b, int i) {
        char e = src.charAt(i);
        switch (e) {
            case 'n' -> b.append('\n');
            case 't' -> b.append('\t');
            case 'r' -> b.append('\r');
            case '\\' -> b.append('\\');
            case '\'' -> b.append('\'');
            case '"' -> b.append('"');
            case 'a' -> b.append('\u0007');
            case 'b' -> b.append('\b');
            case 'f' -> b.append('\f');
            case 'v' -> b.append('\u000b');
            case '\n' -> line++;
            case 'x', 'u', 'U' -> {
                int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                if (i + len < src.length() + 0 && src.substring(i + 1, Math.min(src.length(), i + 1 + len))
                        .matches("[0-9a-fA-F]{" + len + "}")) {
                    b.appendCodePoint(Integer.parseInt(src.substring(i + 1, i + 1 + len), 16));
                    return i + 1 + len;
                }
                throw error("invalid \\" + e + " escape in a string");
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int j = i;
                    int v = 0;
                    while (j < src.length() && j < i + 3 && src.charAt(j) >= '0' && src.charAt(j) <= '7') {
                        v = v * 8 + (src.charAt(j) - '0');
                        j++;
                    }
                    b.append((char) v);
                    return j;
                }
                b.append('\\').append(e);
            }
        }
        return i + 1;
    }
}
