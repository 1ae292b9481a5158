package org.sqlwarehouse.jinja;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/** Python's printf-style {@code %} formatting and {@code str.format} with the format-spec mini-language. */
final class PyFormat {
    private PyFormat() {
    }

    // ---- '%' formatting ----

    static String percent(String fmt, Object args) {
        List<?> values = args instanceof PyTuple t ? t : null;
        Map<?, ?> mapping = args instanceof Map<?, ?> m ? m : null;
        int next = 0;
        boolean usedSingle = false;
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = fmt.length();
        while (i < n) {
            char c = fmt.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            i++;
            if (i >= n) {
                throw valueError("incomplete format");
            }
            String key = null;
            if (fmt.charAt(i) == '(') {
                int close = fmt.indexOf(')', i);
                if (close < 0) {
                    throw valueError("incomplete format key");
                }
                key = fmt.substring(i + 1, close);
                i = close + 1;
            }
            StringBuilder flags = new StringBuilder();
            while (i < n && "-+ #0".indexOf(fmt.charAt(i)) >= 0) {
                flags.append(fmt.charAt(i++));
            }
            int start = i;
            while (i < n && Character.isDigit(fmt.charAt(i))) {
                i++;
            }
            String width = fmt.substring(start, i);
            String precision = null;
            if (i < n && fmt.charAt(i) == '.') {
                start = ++i;
                while (i < n && Character.isDigit(fmt.charAt(i))) {
                    i++;
                }
                precision = fmt.substring(start, i).isEmpty() ? "0" : fmt.substring(start, i);
            }
            if (i >= n) {
                throw valueError("incomplete format");
            }
            char type = fmt.charAt(i++);
            if (type == '%') {
                out.append('%');
                continue;
            }
            Object value;
            if (key != null) {
                if (mapping == null) {
                    throw Arguments.typeError("format requires a mapping");
                }
                Object k = Py.mapKey(mapping, key);
                if (k == Py.NO_KEY) {
                    throw valueError("KeyError: " + Py.repr(key));
                }
                value = mapping.get(k);
            } else if (values != null) {
                if (next >= values.size()) {
                    throw Arguments.typeError("not enough arguments for format string");
                }
                value = values.get(next++);
            } else {
                if (usedSingle) {
                    throw Arguments.typeError("not enough arguments for format string");
                }
                usedSingle = true;
                value = args;
            }
            out.append(percentOne(value, flags.toString(), width, precision, type));
        }
        if (values != null && next < values.size() || values == null && mapping == null && !usedSingle
                && !(args instanceof Map)) {
            throw Arguments.typeError("not all arguments converted during string formatting");
        }
        return out.toString();
    }

    private static String percentOne(Object value, String flags, String width, String precision, char type) {
        StringBuilder spec = new StringBuilder();
        boolean left = flags.indexOf('-') >= 0;
        if (left) {
            spec.append('<');
        } else if (flags.indexOf('0') >= 0 && type != 's' && type != 'r') {
            spec.append("0=");
        } else {
            spec.append('>');
        }
        if (flags.indexOf('+') >= 0) {
            spec.append('+');
        } else if (flags.indexOf(' ') >= 0) {
            spec.append(' ');
        }
        if (flags.indexOf('#') >= 0) {
            spec.append('#');
        }
        spec.append(width);
        if (precision != null) {
            spec.append('.').append(precision);
        }
        switch (type) {
            case 's', 'r', 'a' -> {
                String text = type == 's' ? Py.str(value) : Py.repr(value);
                return formatString(text, parse(spec.toString().replace("+", "").replace(" ", "")));
            }
            case 'd', 'i', 'u' -> {
                Object v = Py.isFloat(value) ? Py.narrow(new BigDecimal(Py.toDouble(value)).toBigInteger()) : value;
                if (!Py.isNumber(v)) {
                    throw Arguments.typeError("%" + type + " format: a real number is required, not " + Py.typeName(value));
                }
                return formatValue(v instanceof Boolean b ? (b ? 1L : 0L) : v, spec + "d");
            }
            case 'c' -> {
                return formatString(value instanceof String s ? s : new String(Character.toChars((int) Py.toLong(value))),
                        parse(spec.toString()));
            }
            default -> {
                if (!Py.isNumber(value)) {
                    throw Arguments.typeError("must be real number, not " + Py.typeName(value));
                }
                return formatValue(value, spec.toString() + type);
            }
        }
    }

    // ---- str.format ----

    static String format(String fmt, List<Object> args, Map<String, Object> kwargs) {
        StringBuilder out = new StringBuilder();
        int auto = 0;
        int i = 0;
        int n = fmt.length();
        while (i < n) {
            char c = fmt.charAt(i);
            if (c == '{') {
                if (i + 1 < n && fmt.charAt(i + 1) == '{') {
                    out.append('{');
                    i += 2;
                    continue;
                }
                int depth = 1;
                int j = i + 1;
                while (j < n && depth > 0) {
                    if (fmt.charAt(j) == '{') {
                        depth++;
                    } else if (fmt.charAt(j) == '}') {
                        depth--;
                    }
                    j++;
                }
                if (depth > 0) {
                    throw valueError("expected '}' before end of string");
                }
                String field = fmt.substring(i + 1, j - 1);
                String spec = "";
                String conversion = null;
                int colon = indexOutsideBrackets(field, ':');
                if (colon >= 0) {
                    spec = field.substring(colon + 1);
                    field = field.substring(0, colon);
                }
                int bang = field.indexOf('!');
                if (bang >= 0) {
                    conversion = field.substring(bang + 1);
                    field = field.substring(0, bang);
                }
                int end = 0;
                while (end < field.length() && field.charAt(end) != '.' && field.charAt(end) != '[') {
                    end++;
                }
                String head = field.substring(0, end);
                Object value;
                if (head.isEmpty()) {
                    value = positional(args, auto++);
                } else if (head.chars().allMatch(Character::isDigit)) {
                    value = positional(args, Integer.parseInt(head));
                } else {
                    if (!kwargs.containsKey(head)) {
                        throw valueError("KeyError: " + Py.repr(head));
                    }
                    value = kwargs.get(head);
                }
                value = lookupChain(value, field.substring(end));
                if ("r".equals(conversion)) {
                    value = Py.repr(value);
                } else if ("s".equals(conversion)) {
                    value = Py.str(value);
                }
                if (spec.indexOf('{') >= 0) {
                    spec = format(spec, args, kwargs);
                }
                out.append(formatValue(value, spec));
                i = j;
            } else if (c == '}') {
                if (i + 1 < n && fmt.charAt(i + 1) == '}') {
                    out.append('}');
                    i += 2;
                    continue;
                }
                throw valueError("Single '}' encountered in format string");
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int indexOutsideBrackets(String s, char c) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char x = s.charAt(i);
            if (x == '[') {
                depth++;
            } else if (x == ']') {
                depth--;
            } else if (x == c && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static Object positional(List<Object> args, int index) {
        if (index >= args.size()) {
            throw new TemplateException(TemplateException.Kind.VALUE,
                    "IndexError: Replacement index " + index + " out of range for positional args tuple");
        }
        return args.get(index);
    }

    private static Object lookupChain(Object value, String rest) {
        Object v = value;
        int i = 0;
        while (i < rest.length()) {
            if (rest.charAt(i) == '.') {
                int j = i + 1;
                while (j < rest.length() && rest.charAt(j) != '.' && rest.charAt(j) != '[') {
                    j++;
                }
                v = Access.getattr(v, rest.substring(i + 1, j));
                i = j;
            } else {
                int close = rest.indexOf(']', i);
                String key = rest.substring(i + 1, close);
                v = Access.getitem(v, key.chars().allMatch(Character::isDigit) && !key.isEmpty()
                        ? (Object) Long.parseLong(key) : key);
                i = close + 1;
            }
            if (v instanceof Undefined u) {
                throw u.error();
            }
        }
        return v;
    }

    // ---- the format-spec mini-language ----

    /** A parsed format spec. */
    private record Spec(char fill, char align, char sign, boolean alt, boolean zero, int width, char grouping,
            int precision, char type) {
    }

    private static Spec parse(String s) {
        int i = 0;
        char fill = ' ';
        char align = 0;
        if (s.length() >= 2 && "<>=^".indexOf(s.charAt(1)) >= 0) {
            fill = s.charAt(0);
            align = s.charAt(1);
            i = 2;
        } else if (!s.isEmpty() && "<>=^".indexOf(s.charAt(0)) >= 0) {
            align = s.charAt(0);
            i = 1;
        }
        char sign = '-';
        if (i < s.length() && "+- ".indexOf(s.charAt(i)) >= 0) {
            sign = s.charAt(i++);
        }
        boolean alt = false;
        if (i < s.length() && s.charAt(i) == '#') {
            alt = true;
            i++;
        }
        boolean zero = false;
        if (i < s.length() && s.charAt(i) == '0') {
            zero = true;
            i++;
        }
        int start = i;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        int width = start == i ? -1 : Integer.parseInt(s.substring(start, i));
        char grouping = 0;
        if (i < s.length() && (s.charAt(i) == ',' || s.charAt(i) == '_')) {
            grouping = s.charAt(i++);
        }
        int precision = -1;
        if (i < s.length() && s.charAt(i) == '.') {
            start = ++i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw valueError("Format specifier missing precision");
            }
            precision = Integer.parseInt(s.substring(start, i));
        }
        char type = 0;
        if (i < s.length()) {
            type = s.charAt(i++);
        }
        if (i < s.length()) {
            throw valueError("Invalid format specifier '" + s + "'");
        }
        if (zero && align == 0) {
            fill = '0';
            align = '=';
        }
        return new Spec(fill, align, sign, alt, zero, width, grouping, precision, type);
    }

    static String formatValue(Object value, String specText) {
        if (specText.isEmpty()) {
            return Py.str(value);
        }
        Spec spec = parse(specText);
        if (value instanceof String s) {
            if (spec.type != 0 && spec.type != 's') {
                throw valueError("Unknown format code '" + spec.type + "' for object of type 'str'");
            }
            return formatString(s, spec);
        }
        if (Py.isNumber(value)) {
            return formatNumber(value instanceof Boolean b ? (b ? 1L : 0L) : value, spec);
        }
        throw Arguments.typeError("unsupported format string passed to " + Py.typeName(value) + ".__format__");
    }

    private static String formatString(String s, Spec spec) {
        String text = spec.precision >= 0 && spec.precision < s.length() ? s.substring(0, spec.precision) : s;
        return align(text, "", spec, '<');
    }

    private static String formatNumber(Object value, Spec spec) {
        char type = spec.type;
        boolean isInt = Py.isInt(value);
        String body;
        boolean negative;
        if (isInt && "dnxXobc".indexOf(type == 0 ? 'd' : type) >= 0) {
            BigInteger v = Py.toBig(value);
            negative = v.signum() < 0;
            BigInteger abs = v.abs();
            body = switch (type) {
                case 'x' -> (spec.alt ? "0x" : "") + abs.toString(16);
                case 'X' -> (spec.alt ? "0X" : "") + abs.toString(16).toUpperCase();
                case 'o' -> (spec.alt ? "0o" : "") + abs.toString(8);
                case 'b' -> (spec.alt ? "0b" : "") + abs.toString(2);
                case 'c' -> new String(Character.toChars(abs.intValue()));
                default -> group(abs.toString(), spec.grouping);
            };
        } else {
            double d = Py.toDouble(value);
            negative = d < 0 || (d == 0 && 1 / d < 0);
            double abs = Math.abs(d);
            body = formatFloat(abs, type, spec.precision, spec.alt, spec.grouping);
        }
        String sign = negative ? "-" : spec.sign == '+' ? "+" : spec.sign == ' ' ? " " : "";
        return align(body, sign, spec, '>');
    }

    private static String formatFloat(double abs, char type, int precision, boolean alt, char grouping) {
        if (Double.isNaN(abs)) {
            return Character.isUpperCase(type) ? "NAN" : "nan";
        }
        if (Double.isInfinite(abs)) {
            return Character.isUpperCase(type) ? "INF" : "inf";
        }
        BigDecimal exact = new BigDecimal(abs);
        switch (type) {
            case 'f', 'F', '%' -> {
                BigDecimal v = type == '%' ? exact.movePointRight(2) : exact;
                String s = v.setScale(precision < 0 ? 6 : precision, RoundingMode.HALF_EVEN).toPlainString();
                return withGrouping(s, grouping) + (type == '%' ? "%" : "");
            }
            case 'e', 'E' -> {
                String s = scientific(exact, precision < 0 ? 6 : precision, false);
                return type == 'E' ? s.toUpperCase() : s;
            }
            case 'g', 'G', 0 -> {
                if (type == 0 && precision < 0) {
                    return withGrouping(Py.floatRepr(abs), grouping);
                }
                int p = precision < 0 ? 6 : Math.max(precision, 1);
                if (abs == 0) {
                    return type == 0 ? "0.0" : "0";
                }
                BigDecimal rounded = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
                int exp = rounded.precision() - rounded.scale() - 1;
                String s;
                if (exp >= -4 && exp < p) {
                    s = rounded.setScale(Math.max(0, p - 1 - exp), RoundingMode.HALF_EVEN).toPlainString();
                    if (!alt && s.contains(".")) {
                        s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
                    }
                    if (type == 0 && !s.contains(".")) {
                        s = s + ".0";
                    }
                    s = withGrouping(s, grouping);
                } else {
                    s = scientific(exact, p - 1, !alt);
                }
                return type == 'G' ? s.toUpperCase() : s;
            }
            default -> throw valueError("Unknown format code '" + type + "' for object of type 'float'");
        }
    }

    private static String scientific(BigDecimal exact, int digits, boolean stripZeros) {
        if (exact.signum() == 0) {
            return (digits > 0 && !stripZeros ? "0." + "0".repeat(digits) : "0") + "e+00";
        }
        BigDecimal rounded = exact.round(new MathContext(digits + 1, RoundingMode.HALF_EVEN));
        int exp = rounded.precision() - rounded.scale() - 1;
        String unscaled = rounded.unscaledValue().toString();
        unscaled = (unscaled + "0".repeat(digits + 1)).substring(0, digits + 1);
        String mantissa = digits > 0 ? unscaled.charAt(0) + "." + unscaled.substring(1) : unscaled;
        if (stripZeros && mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    private static String withGrouping(String number, char grouping) {
        if (grouping == 0) {
            return number;
        }
        int dot = number.indexOf('.');
        String whole = dot < 0 ? number : number.substring(0, dot);
        return group(whole, grouping) + (dot < 0 ? "" : number.substring(dot));
    }

    private static String group(String digits, char grouping) {
        if (grouping == 0 || digits.length() <= 3) {
            return digits;
        }
        StringBuilder b = new StringBuilder();
        int first = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        b.append(digits, 0, first);
        for (int i = first; i < digits.length(); i += 3) {
            b.append(grouping).append(digits, i, i + 3);
        }
        return b.toString();
    }

    private static String align(String body, String sign, Spec spec, char defaultAlign) {
        int len = body.length() + sign.length();
        if (spec.width <= len) {
            return sign + body;
        }
        int pad = spec.width - len;
        String fill = String.valueOf(spec.fill);
        char align = spec.align == 0 ? defaultAlign : spec.align;
        return switch (align) {
            case '<' -> sign + body + fill.repeat(pad);
            case '^' -> fill.repeat(pad / 2) + sign + body + fill.repeat(pad - pad / 2);
            case '=' -> sign + fill.repeat(pad) + body;
            default -> fill.repeat(pad) + sign + body;
        };
    }

    private static TemplateException valueError(String message) {
        return new TemplateException(TemplateException.Kind.VALUE, message);
    }
}
