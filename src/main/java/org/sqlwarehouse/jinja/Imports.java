package org.sqlwarehouse.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** include, import and from-import: templates from the environment's loader, and nothing else. */
final class Imports {
    private Imports() {
    }

    static void load(Evaluator ev, Nodes.Load l) {
        Object nameValue = l.template.eval(ev);
        Template t = null;
        List<Object> candidates = nameValue instanceof List<?> list ? new ArrayList<>(list) : List.of(nameValue);
        for (Object candidate : candidates) {
            // the host may hand a parsed template in the context, as Jinja2's Template objects
            t = candidate instanceof Template given ? given : ev.environment().load(Py.str(candidate));
            if (t != null) {
                break;
            }
        }
        if (t == null) {
            if (l.ignoreMissing && l.kind == Nodes.Load.Kind.INCLUDE) {
                return;
            }
            throw new TemplateException(TemplateException.Kind.NOT_FOUND, candidates.size() == 1
                    ? "template not found: " + Py.str(nameValue) : "none of the templates given were found: "
                    + Py.str(nameValue));
        }
        if (l.kind == Nodes.Load.Kind.INCLUDE) {
            ev.include(t, l.withContext ? new Scope(ev.scope().flatten(ev.context())) : new Scope(Map.of()));
            return;
        }
        StringBuilder body = new StringBuilder();
        Map<String, Object> names = ev.exports(t, l.withContext ? ev.scope().flatten(ev.context()) : Map.of(), null,
                false, body);
        if (l.kind == Nodes.Load.Kind.IMPORT) {
            ev.scope().set(l.alias, new ModuleObject(t.name(), names, body.toString()));
            return;
        }
        for (int i = 0; i < l.names.size(); i++) {
            String n = l.names.get(i);
            ev.scope().set(l.aliases.get(i), names.containsKey(n) ? names.get(n) : Undefined.hinted("the template "
                    + Py.repr(t.name()) + " (imported on line " + l.line + ") does not export the requested name "
                    + Py.repr(n)));
        }
    }

    /** An imported template: its top-level names as attributes; printed, the text it rendered. */
    record ModuleObject(String name, Map<String, Object> names, String body) implements PyObject {
        @Override
        public Object getAttr(String attr) {
            return names.containsKey(attr) ? names.get(attr) : MISSING;
        }

        @Override
        public String toString() {
            return body;
        }
    }
}
