package org.sqlwarehouse.jinja;

/**
 * A template that cannot be parsed or rendered, with the template's name and the line (1-based, 0
 * when unknown) where it went wrong. The message alone is what Jinja2 would say; {@link #getMessage()}
 * adds where.
 */
public class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure, as Jinja2 names its exceptions. */
    public enum Kind { SYNTAX, UNDEFINED, TYPE, VALUE, RECURSION, LIMIT, NOT_FOUND, RUNTIME }

    private final Kind kind;
    private final String reason;
    private String templateName;
    private int line;
    /** The macro calls it passed through on its way out, outermost first. */
    private final java.util.LinkedList<MacroCall> macroCalls = new java.util.LinkedList<>();

    public TemplateException(Kind kind, String reason, String templateName, int line) {
        super(reason);
        this.kind = kind;
        this.reason = reason;
        this.templateName = templateName;
        this.line = line;
    }

    public TemplateException(Kind kind, String reason) {
        this(kind, reason, null, 0);
    }

    public Kind kind() {
        return kind;
    }

    /** The message without the place. */
    public String reason() {
        return reason;
    }

    public String templateName() {
        return templateName;
    }

    public int line() {
        return line;
    }

    /**
     * The macro calls the error passed through on its way out, outermost first: the first one's caller
     * is the template being rendered, the last one is the macro the error is in (at {@link #templateName()}
     * and {@link #line()}, unless it happened in a template that macro included).
     */
    public java.util.List<MacroCall> macroCalls() {
        return java.util.List.copyOf(macroCalls);
    }

    /** Records a macro call the error passes out of: each is outside the ones recorded before. */
    void calledFrom(MacroCall call) {
        macroCalls.addFirst(call);
    }

    /** Fills in the place if no inner frame did already. */
    TemplateException at(String name, int atLine) {
        if (templateName == null) {
            templateName = name;
        }
        if (line <= 0) {
            line = atLine;
        }
        return this;
    }

    @Override
    public String getMessage() {
        StringBuilder b = new StringBuilder();
        if (templateName != null) {
            b.append(templateName);
            if (line > 0) {
                b.append(" line ").append(line);
            }
            b.append(": ");
        } else if (line > 0) {
            b.append("line ").append(line).append(": ");
        }
        return b.append(reason).toString();
    }
}
