package org.sqlwarehouse.jinja;

/**
 * A value that brings its own operators, as a Python class does with __add__, __lt__, __eq__...:
 * the engine asks it before its own rules, and goes on as Python would when it answers
 * {@link PyObject#MISSING} (Python's NotImplemented).
 */
public interface PyOperand {
    /** The operator names asked besides the binary ones (+, -, *, /, //, %, **). */
    String NEGATE = "neg";
    /** Ordering: an Integer, negative, zero or positive as for a Comparator. */
    String COMPARE = "cmp";
    /** Equality: a Boolean. */
    String EQUALS = "==";

    /**
     * {@code this op other}, or when reflected {@code other op this} (this is the right operand);
     * {@link PyObject#MISSING} when this value has no such operator for that operand.
     */
    Object operate(String op, Object other, boolean reflected);

    /** The first answer of the left operand then the right one, or MISSING when neither has one. */
    static Object dispatch(String op, Object left, Object right) {
        if (left instanceof PyOperand l) {
            Object result = l.operate(op, right, false);
            if (result != PyObject.MISSING) {
                return result;
            }
        }
        if (right instanceof PyOperand r) {
            return r.operate(op, left, true);
        }
        return PyObject.MISSING;
    }
}
