package org.sqlwarehouse.jinja;

/**
 * Thrown by a function of the host to stop the whole render, not to fail the template: the engine
 * lets it through untouched, where any other exception becomes a template error with a line.
 */
public abstract class HostInterrupt extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected HostInterrupt(String message) {
        super(message, null, false, false);
    }
}
