package org.sqlwarehouse.jinja;

/**
 * One macro call being run: the macro, the template it is defined in, and where it was called from.
 *
 * @param macro      the macro's name
 * @param file       the name of the template that defines it
 * @param callerFile the template that called it
 * @param callerLine the line of the call there (0 when unknown)
 */
public record MacroCall(String macro, String file, String callerFile, int callerLine) {
}
