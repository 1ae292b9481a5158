package org.sqlwarehouse.jinja;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Python's arithmetic operators, with ints that never overflow and a size limit on repetition. */
final class PyOps {
    private PyOps() {
    }

    static Object binary(String op, Object a, Object b, long maxSize) {
        if (op.equals("~")) {
            String left = Py.str(a);
            String right = Py.str(b);
            checkSize((long) left.length() + right.length(), maxSize);
            return left.concat(right);
        }
        if (op.equals("%") && a instanceof String s) {
            // str.__mod__ runs first and only asks for str() of an undefined operand
            return PyFormat.percent(s, b);
        }
        if (a instanceof Undefined u) {
            throw u.error();
        }
        if (b instanceof Undefined u) {
            throw u.error();
        }
        Object own = PyOperand.dispatch(op, a, b);
        if (own != PyObject.MISSING) {
            return own;
        }
        boolean nums = Py.isNumber(a) && Py.isNumber(b);
        switch (op) {
            case "+" -> {
                if (nums) {
                    return add(a, b);
                }
                if (a instanceof String sa && b instanceof String sb) {
                    checkSize((long) sa.length() + sb.length(), maxSize);
                    return sa.concat(sb);
                }
                if (a instanceof PyTuple ta && b instanceof PyTuple tb) {
                    List<Object> all = new ArrayList<>(ta);
                    all.addAll(tb);
                    return PyTuple.of(all);
                }
                if (a instanceof List<?> la && b instanceof List<?> lb && !(a instanceof PyTuple)
                        && !(b instanceof PyTuple)) {
                    List<Object> all = new ArrayList<>(la);
                    all.addAll(lb);
                    return all;
                }
            }
            case "-" -> {
                if (nums) {
                    if (Py.isFloat(a) || Py.isFloat(b)) {
                        return Py.toDouble(a) - Py.toDouble(b);
                    }
                    return Py.narrow(Py.toBig(a).subtract(Py.toBig(b)));
                }
            }
            case "*" -> {
                if (nums) {
                    if (Py.isFloat(a) || Py.isFloat(b)) {
                        return Py.toDouble(a) * Py.toDouble(b);
                    }
                    if (a instanceof Long x && b instanceof Long y) {
                        long hi = Math.multiplyHigh(x, y);
                        long lo = x * y;
                        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
                            return lo;
                        }
                    }
                    return Py.narrow(Py.toBig(a).multiply(Py.toBig(b)));
                }
                if (Py.isInt(b) && !(a instanceof Number)) {
                    return repeat(a, Py.toLong(b), maxSize, op, b);
                }
                if (Py.isInt(a) && !(b instanceof Number)) {
                    return repeat(b, Py.toLong(a), maxSize, op, a);
                }
            }
            case "/" -> {
                if (nums) {
                    double d = Py.toDouble(b);
                    if (d == 0) {
                        throw zero("division by zero");
                    }
                    return Py.toDouble(a) / d;
                }
            }
            case "//" -> {
                if (nums) {
                    if (Py.isFloat(a) || Py.isFloat(b)) {
                        double d = Py.toDouble(b);
                        if (d == 0) {
                            throw zero("float floor division by zero");
                        }
                        return Math.floor(Py.toDouble(a) / d);
                    }
                    BigInteger d = Py.toBig(b);
                    if (d.signum() == 0) {
                        throw zero("integer division or modulo by zero");
                    }
                    BigInteger[] qr = Py.toBig(a).divideAndRemainder(d);
                    BigInteger q = qr[0];
                    if (qr[1].signum() != 0 && qr[1].signum() != d.signum()) {
                        q = q.subtract(BigInteger.ONE);
                    }
                    return Py.narrow(q);
                }
            }
            case "%" -> {
                if (a instanceof String s) {
                    return PyFormat.percent(s, b);
                }
                if (nums) {
                    if (Py.isFloat(a) || Py.isFloat(b)) {
                        double x = Py.toDouble(a);
                        double y = Py.toDouble(b);
                        if (y == 0) {
                            throw zero("float modulo");
                        }
                        double r = x % y;
                        if (r != 0 && (r < 0) != (y < 0)) {
                            r += y;
                        }
                        return r;
                    }
                    BigInteger d = Py.toBig(b);
                    if (d.signum() == 0) {
                        throw zero("integer division or modulo by zero");
                    }
                    BigInteger r = Py.toBig(a).mod(d.abs());
                    if (d.signum() < 0 && r.signum() != 0) {
                        r = r.add(d);
                    }
                    return Py.narrow(r);
                }
            }
            case "**" -> {
                if (nums) {
                    if (Py.isFloat(a) || Py.isFloat(b) || Py.toBig(b).signum() < 0) {
                        return Math.pow(Py.toDouble(a), Py.toDouble(b));
                    }
                    BigInteger base = Py.toBig(a);
                    long exp = Py.toLong(b);
                    if (base.bitLength() * exp > maxSize * 4) {
                        throw new TemplateException(TemplateException.Kind.LIMIT, "the result of ** is too large");
                    }
                    return Py.narrow(base.pow((int) exp));
                }
            }
            default -> throw new IllegalStateException(op);
        }
        throw Arguments.typeError("unsupported operand type(s) for " + op + ": '" + Py.typeName(a) + "' and '"
                + Py.typeName(b) + "'");
    }

    private static Object add(Object a, Object b) {
        if (Py.isFloat(a) || Py.isFloat(b)) {
            return Py.toDouble(a) + Py.toDouble(b);
        }
        if (a instanceof Long x && b instanceof Long y) {
            long r = x + y;
            if (((x ^ r) & (y ^ r)) >= 0) {
                return r;
            }
        }
        return Py.narrow(Py.toBig(a).add(Py.toBig(b)));
    }

    private static Object repeat(Object seq, long times, long maxSize, String op, Object n) {
        long count = Math.max(0, times);
        if (seq instanceof String s) {
            checkSize(s.length() * count, maxSize);
            return s.repeat((int) count);
        }
        if (seq instanceof List<?> l) {
            checkSize(l.size() * count, maxSize);
            List<Object> out = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                out.addAll(l);
            }
            return seq instanceof PyTuple ? PyTuple.of(out) : out;
        }
        throw Arguments.typeError("unsupported operand type(s) for " + op + ": '" + Py.typeName(seq) + "' and '"
                + Py.typeName(n) + "'");
    }

    static void checkSize(long size, long maxSize) {
        if (size > maxSize) {
            throw new TemplateException(TemplateException.Kind.LIMIT, "a value of " + size
                    + " items or characters is larger than the limit of " + maxSize);
        }
    }

    private static TemplateException zero(String message) {
        return new TemplateException(TemplateException.Kind.VALUE, "ZeroDivisionError: " + message);
    }

    static Object negate(Object v) {
        if (v instanceof Undefined u) {
            throw u.error();
        }
        if (Py.isFloat(v)) {
            return -Py.toDouble(v);
        }
        if (Py.isInt(v)) {
            return Py.narrow(Py.toBig(v).negate());
        }
        Object own = v instanceof PyOperand o ? o.operate(PyOperand.NEGATE, null, false) : PyObject.MISSING;
        if (own != PyObject.MISSING) {
            return own;
        }
        throw Arguments.typeError("bad operand type for unary -: '" + Py.typeName(v) + "'");
    }

    static Object plus(Object v) {
        if (v instanceof Undefined u) {
            throw u.error();
        }
        if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (Py.isNumber(v)) {
            return v;
        }
        throw Arguments.typeError("bad operand type for unary +: '" + Py.typeName(v) + "'");
    }
}
