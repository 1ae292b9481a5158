package org.sqlwarehouse.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The methods of Python's str that templates call, with Python's results. */
final class StrMethods {
    private StrMethods() {
    }

    static PyCallable method(String s, String name) {
        return switch (name) {
            case "lower" -> a -> s.toLowerCase(Locale.ROOT);
            case "upper" -> a -> s.toUpperCase(Locale.ROOT);
            case "casefold" -> a -> s.toLowerCase(Locale.ROOT);
            case "strip" -> a -> strip(s, a.get(0, "chars", null), true, true);
            case "lstrip" -> a -> strip(s, a.get(0, "chars", null), true, false);
            case "rstrip" -> a -> strip(s, a.get(0, "chars", null), false, true);
            case "split" -> a -> split(s, a.get(0, "sep", null), maxsplit(a));
            case "rsplit" -> a -> rsplit(s, a.get(0, "sep", null), maxsplit(a));
            case "splitlines" -> a -> splitlines(s, Py.truthy(a.get(0, "keepends", false)));
            case "join" -> a -> join(s, a.get(0));
            case "replace" -> a -> replace(s, text(a.get(0)), text(a.get(1)), a.size() > 2 ? Py.toLong(a.get(2)) : -1);
            case "startswith" -> a -> affix(s, a.get(0), true);
            case "endswith" -> a -> affix(s, a.get(0), false);
            case "find" -> a -> (long) s.indexOf(text(a.get(0)));
            case "rfind" -> a -> (long) s.lastIndexOf(text(a.get(0)));
            case "index", "rindex" -> a -> {
                int i = name.equals("index") ? s.indexOf(text(a.get(0))) : s.lastIndexOf(text(a.get(0)));
                if (i < 0) {
                    throw new TemplateException(TemplateException.Kind.VALUE, "substring not found");
                }
                return (long) i;
            };
            case "count" -> a -> count(s, text(a.get(0)));
            case "format" -> a -> PyFormat.format(s, a.positional(), a.keywords());
            case "capitalize" -> a -> s.isEmpty() ? s
                    : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
            case "title" -> a -> title(s);
            case "swapcase" -> a -> swapcase(s);
            case "center", "ljust", "rjust" -> a -> pad(s, name, (int) Py.toLong(a.get(0)),
                    a.size() > 1 ? text(a.get(1)) : " ");
            case "zfill" -> a -> zfill(s, (int) Py.toLong(a.get(0)));
            case "isdigit", "isnumeric", "isdecimal" -> a -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            case "isalpha" -> a -> !s.isEmpty() && s.chars().allMatch(Character::isLetter);
            case "isalnum" -> a -> !s.isEmpty() && s.chars().allMatch(Character::isLetterOrDigit);
            case "isspace" -> a -> !s.isEmpty() && s.chars().allMatch(Character::isWhitespace);
            case "islower" -> a -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toLowerCase(Locale.ROOT));
            case "isupper" -> a -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toUpperCase(Locale.ROOT));
            case "istitle" -> a -> s.chars().anyMatch(Character::isLetter) && s.equals(title(s));
            case "isidentifier" -> a -> !s.isEmpty() && (Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')
                    && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
            case "partition" -> a -> partition(s, text(a.get(0)), false);
            case "rpartition" -> a -> partition(s, text(a.get(0)), true);
            case "removeprefix" -> a -> s.startsWith(text(a.get(0))) ? s.substring(text(a.get(0)).length()) : s;
            case "removesuffix" -> a -> {
                String suffix = text(a.get(0));
                return !suffix.isEmpty() && s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
            };
            default -> null;
        };
    }

    static String text(Object o) {
        if (!(o instanceof String s)) {
            throw Arguments.typeError("must be str, not " + Py.typeName(o));
        }
        return s;
    }

    private static int maxsplit(Arguments a) {
        Object m = a.get(1, "maxsplit", -1L);
        return (int) Py.toLong(m);
    }

    static String strip(String s, Object chars, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        if (chars == null) {
            while (left && start < end && Character.isWhitespace(s.charAt(start))) {
                start++;
            }
            while (right && end > start && Character.isWhitespace(s.charAt(end - 1))) {
                end--;
            }
        } else {
            String set = text(chars);
            while (left && start < end && set.indexOf(s.charAt(start)) >= 0) {
                start++;
            }
            while (right && end > start && set.indexOf(s.charAt(end - 1)) >= 0) {
                end--;
            }
        }
        return s.substring(start, end);
    }

    static List<Object> split(String s, Object sep, int maxsplit) {
        List<Object> out = new ArrayList<>();
        if (sep == null) {
            int i = 0;
            int n = s.length();
            while (true) {
                while (i < n && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    break;
                }
                if (maxsplit >= 0 && out.size() == maxsplit) {
                    out.add(s.substring(i).stripTrailing());
                    break;
                }
                int j = i;
                while (j < n && !Character.isWhitespace(s.charAt(j))) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            }
            return out;
        }
        String d = text(sep);
        if (d.isEmpty()) {
            throw new TemplateException(TemplateException.Kind.VALUE, "empty separator");
        }
        int from = 0;
        while (maxsplit < 0 || out.size() < maxsplit) {
            int i = s.indexOf(d, from);
            if (i < 0) {
                break;
            }
            out.add(s.substring(from, i));
            from = i + d.length();
        }
        out.add(s.substring(from));
        return out;
    }

    private static List<Object> rsplit(String s, Object sep, int maxsplit) {
        if (maxsplit < 0) {
            return split(s, sep, maxsplit);
        }
        List<Object> out = new ArrayList<>();
        if (sep == null) {
            int end = s.length();
            while (true) {
                while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
                    end--;
                }
                if (end == 0) {
                    break;
                }
                if (out.size() == maxsplit) {
                    out.add(0, s.substring(0, end).stripLeading());
                    break;
                }
                int j = end;
                while (j > 0 && !Character.isWhitespace(s.charAt(j - 1))) {
                    j--;
                }
                out.add(0, s.substring(j, end));
                end = j;
            }
            return out;
        }
        String d = text(sep);
        int end = s.length();
        while (out.size() < maxsplit) {
            int i = s.lastIndexOf(d, end - d.length());
            if (i < 0) {
                break;
            }
            out.add(0, s.substring(i + d.length(), end));
            end = i;
        }
        out.add(0, s.substring(0, end));
        return out;
    }

    private static List<Object> splitlines(String s, boolean keepends) {
        List<Object> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                int end = i;
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                out.add(s.substring(start, keepends ? i + 1 : end));
                start = i + 1;
            }
            i++;
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
        return out;
    }

    private static String join(String sep, Object items) {
        StringBuilder b = new StringBuilder();
        boolean first = true;
        for (Object o : Py.iterate(items)) {
            if (!(o instanceof String str)) {
                throw Arguments.typeError("sequence item: expected str instance, " + Py.typeName(o) + " found");
            }
            if (!first) {
                b.append(sep);
            }
            first = false;
            b.append(str);
        }
        return b.toString();
    }

    static String replace(String s, String old, String with, long count) {
        if (count < 0) {
            return s.replace(old, with);
        }
        StringBuilder b = new StringBuilder();
        int from = 0;
        long done = 0;
        while (done < count) {
            int i = old.isEmpty() ? (from <= s.length() ? from : -1) : s.indexOf(old, from);
            if (i < 0) {
                break;
            }
            b.append(s, from, i).append(with);
            if (old.isEmpty()) {
                if (i < s.length()) {
                    b.append(s.charAt(i));
                }
                from = i + 1;
            } else {
                from = i + old.length();
            }
            done++;
        }
        if (from <= s.length()) {
            b.append(s.substring(Math.min(from, s.length())));
        }
        return b.toString();
    }

    private static boolean affix(String s, Object arg, boolean start) {
        if (arg instanceof PyTuple t) {
            for (Object o : t) {
                if (affix(s, o, start)) {
                    return true;
                }
            }
            return false;
        }
        String a = text(arg);
        return start ? s.startsWith(a) : s.endsWith(a);
    }

    private static Object count(String s, String sub) {
        if (sub.isEmpty()) {
            return (long) s.length() + 1;
        }
        long n = 0;
        int from = 0;
        while ((from = s.indexOf(sub, from)) >= 0) {
            n++;
            from += sub.length();
        }
        return n;
    }

    static String title(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean prevCased = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(prevCased ? Character.toLowerCase(c) : Character.toUpperCase(c));
            prevCased = Character.isLetter(c);
        }
        return b.toString();
    }

    private static String swapcase(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return b.toString();
    }

    static String pad(String s, String how, int width, String fill) {
        int n = s.length();
        if (width <= n) {
            return s;
        }
        int total = width - n;
        int left = switch (how) {
            case "ljust" -> 0;
            case "rjust" -> total;
            default -> total / 2 + (total % 2 & width % 2);
        };
        return fill.repeat(left) + s + fill.repeat(total - left);
    }

    private static String zfill(String s, int width) {
        if (s.length() >= width) {
            return s;
        }
        String zeros = "0".repeat(width - s.length());
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            return s.charAt(0) + zeros + s.substring(1);
        }
        return zeros + s;
    }

    private static PyTuple partition(String s, String sep, boolean last) {
        int i = last ? s.lastIndexOf(sep) : s.indexOf(sep);
        if (i < 0) {
            return last ? PyTuple.of("", "", s) : PyTuple.of(s, "", "");
        }
        return PyTuple.of(s.substring(0, i), sep, s.substring(i + sep.length()));
    }
}
