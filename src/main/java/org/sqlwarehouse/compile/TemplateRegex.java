package org.sqlwarehouse.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.sqlwarehouse.jinja.Arguments;
import org.sqlwarehouse.jinja.Py;
import org.sqlwarehouse.jinja.PyCallable;
import org.sqlwarehouse.jinja.PyObject;
import org.sqlwarehouse.jinja.PyTuple;
import org.sqlwarehouse.jinja.TemplateException;

/**
 * {@code modules.re}: the part of Python's re dbt projects use, on java.util.regex. Python's
 * {@code (?P<name>...)} and {@code (?P=name)} are translated, and {@code \g<n>} / {@code \n} in a
 * replacement; the rest of the two syntaxes agree for what templates write.
 */
final class TemplateRegex implements PyObject {
    static final int IGNORECASE = 2;
    static final int MULTILINE = 8;
    static final int DOTALL = 16;

    @Override
    public Object getAttr(String name) {
        return switch (name) {
            case "match" -> (PyCallable) args -> compile(args, 2).match(args.get(1, "string", null));
            case "fullmatch" -> (PyCallable) args -> compile(args, 2).fullmatch(args.get(1, "string", null));
            case "search" -> (PyCallable) args -> compile(args, 2).search(args.get(1, "string", null));
            case "findall" -> (PyCallable) args -> compile(args, 2).findall(args.get(1, "string", null));
            case "sub" -> (PyCallable) args -> compile(args, 4).sub(args.get(1, "repl", null),
                    args.get(2, "string", null), args.get(3, "count", 0L));
            case "split" -> (PyCallable) args -> compile(args, 3).split(args.get(1, "string", null),
                    args.get(2, "maxsplit", 0L));
            case "compile" -> (PyCallable) args -> compile(args, 1);
            case "escape" -> (PyCallable) args -> escape(Py.str(args.get(0, "pattern", "")));
            case "IGNORECASE", "I" -> (long) IGNORECASE;
            case "MULTILINE", "M" -> (long) MULTILINE;
            case "DOTALL", "S" -> (long) DOTALL;
            default -> MISSING;
        };
    }

    /** re.compile(pattern, flags), with flags the argument at flagsIndex of the module function. */
    private static Regex compile(Arguments args, int flagsIndex) {
        Object pattern = args.get(0, "pattern", null);
        if (pattern instanceof Regex regex) {
            return regex;
        }
        long flags = ((Number) args.get(flagsIndex, "flags", 0L)).longValue();
        return new Regex(Py.str(pattern), flags);
    }

    /** Python's re.escape: every character but letters, digits and _ escaped. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                out.append('\\');
            }
            out.appendCodePoint(c);
        });
        return out.toString();
    }

    private static final Pattern PY_GROUP = Pattern.compile("\\(\\?P<(\\w+)>|\\(\\?P=(\\w+)\\)");

    /**
     * Python's pattern syntax where Java's differs: named groups and their back references. Java's
     * group names allow no underscore, so each gets a name of its own, recorded in names (Python's
     * name to Java's).
     */
    static String javaPattern(String python, java.util.Map<String, String> names) {
        Matcher m = PY_GROUP.matcher(python);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) != null) {
                String javaName = "pyg" + names.size();
                names.put(m.group(1), javaName);
                replacement = "(?<" + javaName + ">";
            } else {
                String javaName = names.get(m.group(2));
                if (javaName == null) {
                    throw new TemplateException(TemplateException.Kind.VALUE, "re: unknown group name "
                            + Py.repr(m.group(2)) + " in " + Py.repr(python));
                }
                replacement = "\\k<" + javaName + ">";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A compiled pattern, as re.compile gives it. */
    static final class Regex implements PyObject {
        private final String source;
        private final Pattern pattern;
        /** Python's group names to Java's. */
        private final java.util.Map<String, String> names = new java.util.LinkedHashMap<>();

        Regex(String source, long flags) {
            this.source = source;
            int javaFlags = 0;
            if ((flags & IGNORECASE) != 0) {
                javaFlags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
            }
            if ((flags & MULTILINE) != 0) {
                javaFlags |= Pattern.MULTILINE;
            }
            if ((flags & DOTALL) != 0) {
                javaFlags |= Pattern.DOTALL;
            }
            try {
                pattern = Pattern.compile(javaPattern(source, names), javaFlags);
            } catch (PatternSyntaxException e) {
                throw new TemplateException(TemplateException.Kind.VALUE, "re: bad pattern " + Py.repr(source)
                        + ": " + e.getDescription());
            }
        }

        Object match(Object string) {
            Matcher m = pattern.matcher(Py.str(string));
            return m.lookingAt() ? new Match(m, names) : null;
        }

        Object fullmatch(Object string) {
            Matcher m = pattern.matcher(Py.str(string));
            return m.matches() ? new Match(m, names) : null;
        }

        Object search(Object string) {
            Matcher m = pattern.matcher(Py.str(string));
            return m.find() ? new Match(m, names) : null;
        }

        /** Python's findall: the whole matches, the one group's, or a tuple of the groups. */
        Object findall(Object string) {
            Matcher m = pattern.matcher(Py.str(string));
            List<Object> out = new ArrayList<>();
            while (m.find()) {
                if (m.groupCount() == 0) {
                    out.add(m.group());
                } else if (m.groupCount() == 1) {
                    out.add(m.group(1) == null ? "" : m.group(1));
                } else {
                    List<Object> groups = new ArrayList<>();
                    for (int i = 1; i <= m.groupCount(); i++) {
                        groups.add(m.group(i) == null ? "" : m.group(i));
                    }
                    out.add(PyTuple.of(groups));
                }
            }
            return out;
        }

        Object sub(Object repl, Object string, Object count) {
            Matcher m = pattern.matcher(Py.str(string));
            long limit = ((Number) count).longValue();
            StringBuilder out = new StringBuilder();
            long done = 0;
            while ((limit <= 0 || done < limit) && m.find()) {
                String replacement = expand(Py.str(repl), m, names);
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
                done++;
            }
            m.appendTail(out);
            return out.toString();
        }

        Object split(Object string, Object maxsplit) {
            long limit = ((Number) maxsplit).longValue();
            Matcher m = pattern.matcher(Py.str(string));
            String s = Py.str(string);
            List<Object> out = new ArrayList<>();
            int last = 0;
            long done = 0;
            while ((limit <= 0 || done < limit) && m.find()) {
                out.add(s.substring(last, m.start()));
                for (int i = 1; i <= m.groupCount(); i++) {
                    out.add(m.group(i));
                }
                last = m.end();
                done++;
            }
            out.add(s.substring(last));
            return out;
        }

        /** A Python replacement template: \1, \g<1>, \g<name>, and the usual escapes. */
        private static String expand(String template, Matcher m, java.util.Map<String, String> names) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < template.length(); i++) {
                char c = template.charAt(i);
                if (c != '\\' || i + 1 == template.length()) {
                    out.append(c);
                    continue;
                }
                char n = template.charAt(++i);
                if (Character.isDigit(n)) {
                    int j = i;
                    while (j + 1 < template.length() && j - i < 1 && Character.isDigit(template.charAt(j + 1))) {
                        j++;
                    }
                    String g = m.group(Integer.parseInt(template.substring(i, j + 1)));
                    out.append(g == null ? "" : g);
                    i = j;
                } else if (n == 'g' && i + 1 < template.length() && template.charAt(i + 1) == '<') {
                    int close = template.indexOf('>', i);
                    String ref = template.substring(i + 2, close);
                    String g = ref.chars().allMatch(Character::isDigit) ? m.group(Integer.parseInt(ref))
                            : m.group(names.getOrDefault(ref, ref));
                    out.append(g == null ? "" : g);
                    i = close;
                } else {
                    out.append(switch (n) {
                        case 'n' -> "\n";
                        case 't' -> "\t";
                        case '\\' -> "\\";
                        default -> "\\" + n;
                    });
                }
            }
            return out.toString();
        }

        @Override
        public Object getAttr(String name) {
            return switch (name) {
                case "match" -> (PyCallable) args -> match(args.get(0, "string", null));
                case "fullmatch" -> (PyCallable) args -> fullmatch(args.get(0, "string", null));
                case "search" -> (PyCallable) args -> search(args.get(0, "string", null));
                case "findall" -> (PyCallable) args -> findall(args.get(0, "string", null));
                case "sub" -> (PyCallable) args -> sub(args.get(0, "repl", null), args.get(1, "string", null),
                        args.get(2, "count", 0L));
                case "split" -> (PyCallable) args -> split(args.get(0, "string", null), args.get(1, "maxsplit", 0L));
                case "pattern" -> source;
                default -> MISSING;
            };
        }

        @Override
        public String toString() {
            return "re.compile(" + Py.repr(source) + ")";
        }
    }

    /** A match: group(), groups(), start(), end(), span(), groupdict(). */
    static final class Match implements PyObject {
        private final String whole;
        private final List<String> groups = new ArrayList<>();
        private final java.util.Map<String, String> named = new java.util.LinkedHashMap<>();
        private final int start;
        private final int end;

        Match(Matcher m, java.util.Map<String, String> names) {
            whole = m.group();
            for (int i = 1; i <= m.groupCount(); i++) {
                groups.add(m.group(i));
            }
            names.forEach((python, java) -> named.put(python, m.group(java)));
            start = m.start();
            end = m.end();
        }

        private Object group(Object ref) {
            if (ref instanceof Number n) {
                int i = n.intValue();
                if (i == 0) {
                    return whole;
                }
                if (i < 0 || i > groups.size()) {
                    throw new TemplateException(TemplateException.Kind.VALUE, "no such group: " + i);
                }
                return groups.get(i - 1);
            }
            String name = Py.str(ref);
            if (!named.containsKey(name)) {
                throw new TemplateException(TemplateException.Kind.VALUE, "no such group: " + Py.repr(name));
            }
            return named.get(name);
        }

        @Override
        public Object getAttr(String name) {
            return switch (name) {
                case "group" -> (PyCallable) args -> {
                    List<Object> refs = args.positional();
                    if (refs.size() <= 1) {
                        return group(refs.isEmpty() ? 0L : refs.get(0));
                    }
                    List<Object> out = new ArrayList<>();
                    refs.forEach(r -> out.add(group(r)));
                    return PyTuple.of(out);
                };
                case "groups" -> (PyCallable) args -> PyTuple.of(new ArrayList<Object>(groups));
                case "groupdict" -> (PyCallable) args -> new java.util.LinkedHashMap<String, Object>(named);
                case "start" -> (PyCallable) args -> (long) start;
                case "end" -> (PyCallable) args -> (long) end;
                case "span" -> (PyCallable) args -> PyTuple.of((long) start, (long) end);
                case "string" -> whole;
                default -> MISSING;
            };
        }

        @Override
        public String toString() {
            return "<re.Match object; span=(" + start + ", " + end + "), match=" + Py.repr(whole) + ">";
        }
    }
}
