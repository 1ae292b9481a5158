package org.sqlwarehouse.compile;

import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.jinja.PyCallable;
import org.sqlwarehouse.jinja.PyObject;

/** The objects dbt puts in every template's context besides functions. */
final class TemplateObjects {
    private TemplateObjects() {
    }

    /**
     * {@code adapter}: quoting through the target's dialect, the one quoting function, and
     * {@code dispatch} to the target's implementation of a macro once a renderer has bound it to its
     * macros.
     */
    public static final class Adapter implements PyObject {
        private final Dialect dialect;
        private final DatabaseFunctions database;
        private final MacroDispatch dispatch;

        Adapter(Dialect dialect, DatabaseFunctions database) {
            this(dialect, database, null);
        }

        private Adapter(Dialect dialect, DatabaseFunctions database, MacroDispatch dispatch) {
            this.dialect = dialect;
            this.database = database;
            this.dispatch = dispatch;
        }

        /** The same adapter, dispatching among a renderer's macros. */
        Adapter withDispatch(MacroDispatch macros) {
            return new Adapter(dialect, database, macros);
        }

        public String quote(Object identifier) {
            return dialect.quote(String.valueOf(identifier));
        }

        public String type() {
            return dialect.type();
        }

        @Override
        public Object getAttr(String name) {
            return switch (name) {
                case "quote" -> (PyCallable) args -> quote(args.get(0, "identifier", null));
                case "type" -> (PyCallable) args -> type();
                case "dispatch" -> dispatch == null ? MISSING : (PyCallable) dispatch::dispatch;
                case "quote_as_configured" -> (PyCallable) args -> quote(args.get(0, "identifier", null));
                default -> database.adapterMethod(name);
            };
        }

        @Override
        public String toString() {
            return "<adapter " + dialect.type() + ">";
        }
    }

    /**
     * dbt's {@code flags}, as this plugin runs: every build is a {@code build}, a full refresh with
     * warehouse.fullRefresh, and failures of data tests are not stored.
     */
    public static final class Flags implements PyObject {
        private final boolean fullRefresh;

        Flags(boolean fullRefresh) {
            this.fullRefresh = fullRefresh;
        }

        @Override
        public Object getAttr(String name) {
            return switch (name) {
                case "FULL_REFRESH" -> fullRefresh;
                case "STORE_FAILURES", "USE_COLORS", "WARN_ERROR", "FAIL_FAST", "DEBUG",
                        "EMPTY" -> false;
                case "WHICH" -> "build";
                default -> MISSING;
            };
        }

        @Override
        public String toString() {
            return "<flags>";
        }
    }

    /** {@code modules}: the parts of Python's modules dbt projects use most. */
    public static final class Modules {
        private final DatetimeModule datetime = new DatetimeModule();
        private final TemplateRegex re = new TemplateRegex();
        private final PytzModule pytz = new PytzModule();
        private final ItertoolsModule itertools = new ItertoolsModule();

        public Object getDatetime() {
            return datetime;
        }

        /** {@code modules.re}: match, search, sub, findall, compile, escape, IGNORECASE... */
        public Object getRe() {
            return re;
        }

        public Object getPytz() {
            return pytz;
        }

        public Object getItertools() {
            return itertools;
        }
    }
}
