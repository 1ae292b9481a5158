package org.sqlwarehouse.jinja;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Jinja2's builtin filters on strings and numbers; those on sequences are in {@link SequenceFilters}. */
final class Filters {
    private static final Pattern TAGS = Pattern.compile("(<!--.*?-->|<[^>]*>)", Pattern.DOTALL);
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern WORDS = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

    private Filters() {
    }

    static void register(Map<String, Filter> f) {
        f.put("upper", (v, a) -> Py.str(v).toUpperCase(Locale.ROOT));
        f.put("lower", (v, a) -> Py.str(v).toLowerCase(Locale.ROOT));
        f.put("capitalize", (v, a) -> {
            String s = Py.str(v);
            return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
        });
        f.put("title", (v, a) -> titleWords(Py.str(v)));
        f.put("trim", (v, a) -> StrMethods.strip(Py.str(v), a.get(0, "chars", null), true, true));
        f.put("string", (v, a) -> Py.str(v));
        f.put("safe", (v, a) -> Markup.is(a, v) ? v : Markup.of(a, Py.str(v)));
        f.put("e", Markup::escape);
        f.put("escape", Markup::escape);
        f.put("forceescape", (v, a) -> Markup.of(a, html(Py.str(v))));
        f.put("striptags", (v, a) -> unescape(SPACES.matcher(TAGS.matcher(Py.str(v)).replaceAll("")).replaceAll(" ")
                .strip()));
        f.put("replace", (v, a) -> {
            Object count = a.get(2, "count", null);
            return StrMethods.replace(Py.str(v), Py.str(a.get(0, "old", "")), Py.str(a.get(1, "new", "")),
                    count == null ? -1 : Py.toLong(count));
        });
        f.put("center", (v, a) -> StrMethods.pad(Py.str(v), "center", (int) Py.toLong(a.get(0, "width", 80L)), " "));
        f.put("indent", Filters::indent);
        f.put("truncate", Filters::truncate);
        f.put("wordcount", (v, a) -> (long) WORDS.matcher(Py.str(v)).results().count());
        f.put("format", (v, a) -> a.keywords().isEmpty() ? PyFormat.percent(Py.str(v), PyTuple.of(a.positional()))
                : PyFormat.percent(Py.str(v), a.keywords()));
        f.put("int", Filters::toInt);
        f.put("float", (v, a) -> toFloat(v, a.get(0, "default", 0.0)));
        f.put("abs", (v, a) -> {
            if (Py.isFloat(v)) {
                return Math.abs(Py.toDouble(v));
            }
            if (Py.isInt(v)) {
                return Py.narrow(Py.toBig(v).abs());
            }
            throw Arguments.typeError("bad operand type for abs(): '" + Py.typeName(v) + "'");
        });
        f.put("round", Filters::round);
        f.put("filesizeformat", Filters::filesize);
        f.put("urlencode", (v, a) -> urlencode(v));
        f.put("pprint", (v, a) -> Py.repr(v));
        f.put("xmlattr", (v, a) -> Markup.html(a, xmlattr(v, a)));
        f.put("wordwrap", WordWrap::filter);
        f.put("urlize", Urlize::filter);
        f.put("tojson", (v, a) -> Markup.of(a, Json.dumps(v, a.get(0, "indent", null), true)));
    }

    private static String titleWords(String s) {
        StringBuilder b = new StringBuilder();
        boolean start = true;
        for (char c : s.toCharArray()) {
            if (Character.isWhitespace(c) || c == '-' || c == '(' || c == '[' || c == '{' || c == '<') {
                b.append(c);
                start = true;
            } else {
                b.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
                start = false;
            }
        }
        return b.toString();
    }

    /** The text with HTML's special characters escaped, as markupsafe escapes them. */
    static String html(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&#34;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", "\"").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }

    private static Object indent(Object v, Arguments a) {
        if (v instanceof Undefined u) {
            throw u.error();
        }
        Object width = a.get(0, "width", 4L);
        String pad = width instanceof String s ? s : " ".repeat((int) Py.toLong(width));
        boolean first = Py.truthy(a.get(1, "first", false));
        boolean blank = Py.truthy(a.get(2, "blank", false));
        String[] lines = Py.str(v).split("\n", -1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i > 0) {
                b.append('\n');
            }
            // Jinja2 indents the first line when asked, even an empty one; others when not blank or asked
            if (i == 0 ? first : blank || !line.isEmpty()) {
                b.append(pad);
            }
            b.append(line);
        }
        return b.toString();
    }

    private static Object truncate(Object v, Arguments a) {
        String s = Py.str(v);
        int length = (int) Py.toLong(a.get(0, "length", 255L));
        boolean killwords = Py.truthy(a.get(1, "killwords", false));
        String end = Py.str(a.get(2, "end", "..."));
        Object leewayArg = a.get(3, "leeway", null);
        int leeway = leewayArg == null ? 5 : (int) Py.toLong(leewayArg);
        if (length < end.length()) {
            throw new TemplateException(TemplateException.Kind.VALUE, "expected length >= " + end.length()
                    + ", got " + length);
        }
        if (leeway < 0) {
            throw new TemplateException(TemplateException.Kind.VALUE, "expected leeway >= 0, got " + leeway);
        }
        if (s.length() <= length + leeway) {
            return s;
        }
        if (killwords) {
            return s.substring(0, length - end.length()) + end;
        }
        String head = s.substring(0, length - end.length());
        int space = head.lastIndexOf(' ');
        String result = space >= 0 ? head.substring(0, space) : head;
        return result + end;
    }

    private static Object toInt(Object v, Arguments a) {
        if (v instanceof Undefined u) {
            throw u.error();
        }
        Object fallback = a.get(0, "default", 0L);
        long base = Py.toLong(a.get(1, "base", 10L));
        if (v instanceof String s) {
            String t = s.strip().replace("_", "");
            try {
                if (base != 10) {
                    String lower = t.toLowerCase(Locale.ROOT);
                    String sign = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(0, 1) : "";
                    String digits = lower.substring(sign.length());
                    String prefix = digits.length() > 2 ? digits.substring(0, 2) : "";
                    // base 0 takes the base from the prefix, as Python's int(s, 0) does
                    long prefixBase = prefix.equals("0x") ? 16 : prefix.equals("0o") ? 8 : prefix.equals("0b") ? 2 : 0;
                    if (base == 0) {
                        base = prefixBase == 0 ? 10 : prefixBase;
                    }
                    if (prefixBase != 0 && prefixBase == base) {
                        digits = digits.substring(2);
                    }
                    if (base == 10 && digits.length() > 1 && digits.startsWith("0")) {
                        throw new NumberFormatException("leading zeros need a prefix in base 0");
                    }
                    return Py.narrow(new BigInteger(sign + digits, (int) base));
                }
                return Py.narrow(new BigInteger(t));
            } catch (NumberFormatException e) {
                try {
                    return Py.narrow(new BigDecimal(t).toBigInteger());
                } catch (NumberFormatException e2) {
                    return fallback;
                }
            }
        }
        if (Py.isFloat(v)) {
            double d = Py.toDouble(v);
            return Double.isFinite(d) ? Py.narrow(new BigDecimal(d).toBigInteger()) : fallback;
        }
        if (Py.isInt(v)) {
            return v instanceof Boolean b ? (b ? 1L : 0L) : Py.narrow(Py.toBig(v));
        }
        return fallback;
    }

    static Object toFloat(Object v, Object fallback) {
        if (v instanceof Undefined u) {
            throw u.error();
        }
        if (v instanceof String s) {
            String t = s.strip().replace("_", "");
            try {
                return switch (t.toLowerCase(Locale.ROOT)) {
                    case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
                    case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
                    case "nan" -> Double.NaN;
                    default -> {
                        if (t.isEmpty() || !t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                            yield fallback;
                        }
                        yield Double.parseDouble(t);
                    }
                };
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        if (Py.isNumber(v)) {
            return Py.toDouble(v);
        }
        return fallback;
    }

    private static Object round(Object v, Arguments a) {
        int precision = (int) Py.toLong(a.get(0, "precision", 0L));
        String method = Py.str(a.get(1, "method", "common"));
        if (!method.equals("common") && !method.equals("ceil") && !method.equals("floor")) {
            throw Arguments.typeError("method must be common, ceil or floor");
        }
        if (v instanceof Undefined u) {
            throw u.error();
        }
        if (method.equals("common") && Py.isInt(v)) {
            return Py.narrow(new BigDecimal(Py.toBig(v)).setScale(precision, RoundingMode.HALF_EVEN)
                    .setScale(0, RoundingMode.UNNECESSARY).toBigInteger());
        }
        double d = Py.toDouble(v);
        if (!Double.isFinite(d)) {
            return d;
        }
        if (method.equals("common")) {
            return pyRound(d, precision);
        }
        double factor = Math.pow(10, precision);
        return method.equals("ceil") ? Math.ceil(d * factor) / factor : Math.floor(d * factor) / factor;
    }

    /** Python's round(x, n): the exact binary value rounded half to even. */
    private static double pyRound(double d, int precision) {
        return new BigDecimal(d).setScale(precision, RoundingMode.HALF_EVEN).doubleValue();
    }

    private static Object filesize(Object v, Arguments a) {
        boolean binary = Py.truthy(a.get(0, "binary", false));
        double bytes = Py.toDouble(Filters.toFloat(v, 0.0));
        int base = binary ? 1024 : 1000;
        String[] prefixes = binary ? new String[] {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"}
            : new String[] {"kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
        if (bytes == 1) {
            return "1 Byte";
        }
        if (bytes < base) {
            return (long) bytes + " Bytes";
        }
        for (int i = 0; i < prefixes.length; i++) {
            double unit = Math.pow(base, i + 2);
            if (bytes < unit || i == prefixes.length - 1) {
                return PyFormat.formatValue(base * bytes / unit, ".1f") + " " + prefixes[i];
            }
        }
        return "";
    }

    private static String urlencode(Object v) {
        if (v instanceof Map<?, ?> || v instanceof Iterable<?>) {
            // a mapping, or any other iterable of key-value pairs, becomes a query string
            Iterable<?> pairs = v instanceof Map<?, ?> m ? m.entrySet() : (Iterable<?>) v;
            List<String> parts = new ArrayList<>();
            for (Object pair : pairs) {
                List<Object> kv = pair instanceof Map.Entry<?, ?> e ? List.of(e.getKey(), e.getValue()) : Py.list(pair);
                if (kv.size() != 2) {
                    throw new TemplateException(TemplateException.Kind.VALUE, "not enough values to unpack");
                }
                parts.add(quote(Py.str(kv.get(0)), false).replace("%20", "+") + "="
                        + quote(Py.str(kv.get(1)), false).replace("%20", "+"));
            }
            return String.join("&", parts);
        }
        return quote(Py.str(v), true);
    }

    private static String quote(String s, boolean slashSafe) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (Character.isLetterOrDigit(c) && c < 128 || "_.-~".indexOf(c) >= 0 || slashSafe && c == '/') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    private static String xmlattr(Object v, Arguments a) {
        boolean space = Py.truthy(a.get(0, "autospace", true));
        StringBuilder b = new StringBuilder();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            if (e.getValue() == null || e.getValue() instanceof Undefined) {
                continue;
            }
            String key = Py.str(e.getKey());
            if (key.matches(".*[\\s/>=].*")) {
                throw new TemplateException(TemplateException.Kind.VALUE, "Invalid character in attribute name: "
                        + Py.repr(key));
            }
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(Py.str(Markup.escape(key, a))).append("=\"").append(Py.str(Markup.escape(e.getValue(), a)))
                    .append('"');
        }
        return space && b.length() > 0 ? " " + b : b.toString();
    }
}
