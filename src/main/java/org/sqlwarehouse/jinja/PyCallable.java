package org.sqlwarehouse.jinja;

/** Anything a template can call: a function of the context, a macro, a bound method. */
@FunctionalInterface
public interface PyCallable {
    Object call(Arguments args);
}
