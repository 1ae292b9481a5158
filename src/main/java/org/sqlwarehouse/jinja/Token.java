package org.sqlwarehouse.jinja;

/** One token of a template: its type, text (or value) and line. */
record Token(Type type, String text, Object value, int line) {
    /** Token types; operators are OP with their text. */
    enum Type { DATA, VAR_BEGIN, VAR_END, BLOCK_BEGIN, BLOCK_END, NAME, STRING, INT, FLOAT, OP, EOF }

    boolean is(Type t, String s) {
        return type == t && text.equals(s);
    }

    boolean isOp(String s) {
        return type == Type.OP && text.equals(s);
    }

    boolean isName(String s) {
        return type == Type.NAME && text.equals(s);
    }

    String describe() {
        return switch (type) {
            case EOF -> "end of template";
            case VAR_END -> "end of print statement";
            case BLOCK_END -> "end of statement block";
            case DATA -> "template data";
            default -> "'" + text + "'";
        };
    }
}
