package org.sqlwarehouse.jinja;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Template inheritance within one render (or include, or import): for each block name, its
 * definitions from the most derived template down to the base, which {@code super()} walks; the
 * top-level frame the templates of the chain share; and the {@code self} and {@code super}
 * references templates call.
 */
final class Inheritance {
    /** One template's definition of a block. */
    record Definition(LayoutNodes.Block block, String templateName) {
    }

    /** The top-level run of one template of the chain: parent is set once it has extended one. */
    static final class TopLevel {
        Template parent;
    }

    private final Map<String, List<Definition>> blocks = new HashMap<>();
    /** What a block that is not scoped sees: the context and the top-level names of the chain. */
    private final Scope frame;
    /** The name of the template rendered (the most derived one). */
    private final String name;

    Inheritance(Template template, Scope frame) {
        this.frame = frame;
        this.name = template.name();
        addBlocks(template);
    }

    private void addBlocks(Template t) {
        t.blocks.forEach((name, block) -> blocks.computeIfAbsent(name, k -> new ArrayList<>())
                .add(new Definition(block, t.name())));
    }

    /** {% extends %}: the parent's definitions go below those already known; its top level runs later. */
    void extend(Evaluator ev, TopLevel top, LayoutNodes.Extends e) {
        if (top.parent != null) {
            throw new TemplateException(TemplateException.Kind.RUNTIME, "extended multiple times");
        }
        Object name = e.template.eval(ev);
        if (name instanceof Undefined u) {
            throw u.error();
        }
        Template parent = name instanceof Template t ? t : ev.environment().load(Py.str(name));
        if (parent == null) {
            throw new TemplateException(TemplateException.Kind.NOT_FOUND, "template not found: " + Py.str(name));
        }
        addBlocks(parent);
        top.parent = parent;
    }

    /** A block where it stands: the most derived definition, in the frame the block sees. */
    void render(Evaluator ev, LayoutNodes.Block b) {
        List<Definition> defs = blocks.get(b.name);
        if (defs == null) {
            // a macro of another template rendering one of its blocks: only its own definition is known
            defs = List.of(new Definition(b, ev.templateName()));
        }
        if (b.required && defs.size() <= 1) {
            throw new TemplateException(TemplateException.Kind.RUNTIME, "Required block '" + b.name + "' not found");
        }
        run(ev, b.name, defs, 0, b.scoped ? ev.scope() : frame);
    }

    /** The value of {@code self} outside blocks. */
    Object self() {
        return new TemplateReference(frame);
    }

    private void run(Evaluator ev, String name, List<Definition> defs, int index, Scope base) {
        Scope blockFrame = new Scope(base);
        blockFrame.set("super", reference(name, defs, index + 1, base));
        blockFrame.set("self", new TemplateReference(base));
        Definition d = defs.get(index);
        ev.runBlock(d.templateName(), d.block().body, blockFrame);
    }

    private Object reference(String name, List<Definition> defs, int index, Scope base) {
        return index < defs.size() ? new BlockReference(name, defs, index, base)
                : Undefined.hinted("there is no parent block called '" + name + "'.");
    }

    /** {@code self}: its attributes are the blocks, each rendered by calling it. */
    private final class TemplateReference implements PyObject {
        private final Scope base;

        TemplateReference(Scope base) {
            this.base = base;
        }

        @Override
        public Object getAttr(String name) {
            List<Definition> defs = blocks.get(name);
            return defs == null ? MISSING : new BlockReference(name, defs, 0, base);
        }

        @Override
        public Object getItem(Object key) {
            return key instanceof String name ? getAttr(name) : MISSING;
        }

        @Override
        public String toString() {
            return "<TemplateReference " + Py.repr(name) + ">";
        }
    }

    /** One definition of a block: calling it renders it; {@code super} is the one it overrides. */
    private final class BlockReference implements PyObject, PyCallable {
        private final String name;
        private final List<Definition> defs;
        private final int index;
        /** The frame it renders in: a scoped block's super() sees the scoped block's names. */
        private final Scope base;

        BlockReference(String name, List<Definition> defs, int index, Scope base) {
            this.name = name;
            this.defs = defs;
            this.index = index;
            this.base = base;
        }

        @Override
        public Object call(Arguments args) {
            Evaluator ev = args.evaluator;
            String text = ev.captureOutput(() -> run(ev, name, defs, index, base));
            return ev.contextAutoescape ? ev.markSafe(text) : text;
        }

        @Override
        public Object getAttr(String attr) {
            return attr.equals("super") ? reference(name, defs, index + 1, base) : MISSING;
        }

        @Override
        public String toString() {
            return "<BlockReference " + Py.repr(name) + ">";
        }
    }
}
