package org.sqlwarehouse.jinja;

import java.util.List;

/** The nodes of the tags that shape how a template is written out: extends, block and autoescape. */
final class LayoutNodes {
    private LayoutNodes() {
    }

    /** {% autoescape value %}: escapes what its body prints while value is true. */
    static final class AutoEscape extends Nodes.Stmt {
        final Nodes.Expr enabled;
        final List<Nodes.Stmt> body;

        AutoEscape(int line, Nodes.Expr enabled, List<Nodes.Stmt> body) {
            super(line);
            this.enabled = enabled;
            this.body = body;
        }

        @Override
        void exec(Evaluator ev) {
            ev.autoescapeBlock(this);
        }
    }

    /** {% extends template %}: the template this one fills in the blocks of. */
    static final class Extends extends Nodes.Stmt {
        final Nodes.Expr template;

        Extends(int line, Nodes.Expr template) {
            super(line);
            this.template = template;
        }

        @Override
        void exec(Evaluator ev) {
            ev.extend(this);
        }
    }

    /**
     * {% block name %}: a part a child template may override. topLevel says it sits in the
     * template's top-level frame (only ifs around it), where an extended template skips it.
     */
    static final class Block extends Nodes.Stmt {
        final String name;
        final boolean scoped;
        final boolean required;
        final boolean topLevel;
        final List<Nodes.Stmt> body;

        Block(int line, String name, boolean scoped, boolean required, boolean topLevel, List<Nodes.Stmt> body) {
            super(line);
            this.name = name;
            this.scoped = scoped;
            this.required = required;
            this.topLevel = topLevel;
            this.body = body;
        }

        @Override
        void exec(Evaluator ev) {
            ev.block(this);
        }
    }
}
