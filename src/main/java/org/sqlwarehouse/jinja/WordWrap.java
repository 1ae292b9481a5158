package org.sqlwarehouse.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The wordwrap filter: Python's textwrap.wrap as Jinja2 calls it, paragraph by paragraph. */
final class WordWrap {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** After a hyphen that follows two letters, before a letter: where textwrap may break a word. */
    private static final Pattern HYPHEN = Pattern.compile("(?<=[^\\W\\d_]{2}-)(?=[^\\W\\d_])",
            Pattern.UNICODE_CHARACTER_CLASS);

    private WordWrap() {
    }

    static Object filter(Object v, Arguments a) {
        String s = Py.str(v);
        int width = (int) Py.toLong(a.get(0, "width", 79L));
        boolean breakLong = Py.truthy(a.get(1, "break_long_words", true));
        Object wrapArg = a.get(2, "wrapstring", null);
        String wrap = wrapArg == null ? "\n" : Py.str(wrapArg);
        boolean hyphens = Py.truthy(a.get(3, "break_on_hyphens", true));
        List<String> paragraphs = new ArrayList<>();
        for (Object line : Py.list(StrMethods.method(s, "splitlines").call(new Arguments(null, List.of(), java.util.Map.of(), 0)))) {
            paragraphs.add(String.join(wrap, wrap((String) line, width, breakLong, hyphens)));
        }
        return String.join(wrap, paragraphs);
    }

    private static List<String> chunks(String text, boolean hyphens) {
        List<String> out = new ArrayList<>();
        Matcher m = WHITESPACE.matcher(text);
        int at = 0;
        while (m.find()) {
            word(text.substring(at, m.start()), hyphens, out);
            out.add(m.group());
            at = m.end();
        }
        word(text.substring(at), hyphens, out);
        return out;
    }

    private static void word(String word, boolean hyphens, List<String> out) {
        if (word.isEmpty()) {
            return;
        }
        if (!hyphens) {
            out.add(word);
            return;
        }
        int at = 0;
        Matcher m = HYPHEN.matcher(word);
        while (m.find()) {
            out.add(word.substring(at, m.start()));
            at = m.start();
        }
        out.add(word.substring(at));
    }

    static List<String> wrap(String text, int width, boolean breakLong, boolean hyphens) {
        List<String> chunks = chunks(text, hyphens);
        java.util.Collections.reverse(chunks);
        List<String> lines = new ArrayList<>();
        while (!chunks.isEmpty()) {
            List<String> line = new ArrayList<>();
            int len = 0;
            if (chunks.get(chunks.size() - 1).isBlank() && !lines.isEmpty()) {
                chunks.remove(chunks.size() - 1);
            }
            while (!chunks.isEmpty() && len + chunks.get(chunks.size() - 1).length() <= width) {
                String c = chunks.remove(chunks.size() - 1);
                line.add(c);
                len += c.length();
            }
            if (!chunks.isEmpty() && chunks.get(chunks.size() - 1).length() > width) {
                int spaceLeft = Math.max(width - len, 1);
                String chunk = chunks.get(chunks.size() - 1);
                if (breakLong) {
                    int end = spaceLeft;
                    if (hyphens && chunk.length() > spaceLeft) {
                        int hyphen = chunk.lastIndexOf('-', spaceLeft - 1);
                        if (hyphen > 0 && !chunk.substring(0, hyphen).chars().allMatch(c -> c == '-')) {
                            end = hyphen + 1;
                        }
                    }
                    line.add(chunk.substring(0, end));
                    chunks.set(chunks.size() - 1, chunk.substring(end));
                } else if (line.isEmpty()) {
                    line.add(chunks.remove(chunks.size() - 1));
                }
            }
            if (!line.isEmpty() && line.get(line.size() - 1).isBlank()) {
                line.remove(line.size() - 1);
            }
            if (!line.isEmpty()) {
                lines.add(String.join("", line));
            }
        }
        return lines;
    }
}
