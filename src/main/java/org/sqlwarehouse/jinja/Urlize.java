package org.sqlwarehouse.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The urlize filter as Jinja2 3.1 renders it: the text is HTML-escaped, split at whitespace, and
 * each word that is a web address (with a scheme, www., or a domain of a few well-known top-level
 * domains), an e-mail address or starts with one of the extra schemes becomes a link. Brackets
 * and punctuation around a word stay outside the link.
 */
final class Urlize {
    private static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS;
    /** Python's whitespace: Unicode's, and the information separators \x1c to \x1f. */
    private static final Pattern SPACES = Pattern.compile("[\\s\\x1c-\\x1f]+", FLAGS);
    private static final String NOT_SPACE = "[^\\s\\x1c-\\x1f]";
    private static final Pattern HEAD = Pattern.compile("^(?:[(<]|&lt;)+");
    private static final Pattern TAIL = Pattern.compile("(?:[)>.,\\n]|&gt;)+$");
    private static final String[][] BRACKETS = {{"(", ")"}, {"<", ">"}, {"&lt;", "&gt;"}};
    private static final Pattern WEB_ADDRESS = Pattern.compile("^(?:"
            // a scheme or www., any subdomains, then a top-level domain (plain or IDNA)
            + "(?:https?://|www\\.)(?:[\\w%-]+\\.)*(?:[a-z]{2,63}|xn--[\\w%]{2,59})"
            // without either, only the common top-level domains
            + "|(?:[\\w%-]{2,63}\\.)+(?:com|net|int|edu|gov|org|info|mil)"
            // an IPv4 or IPv6 address after a scheme
            + "|https?://(?:\\d{1,3}(?:\\.\\d{1,3}){3}|\\[(?:[\\da-f]{0,4}:){2}(?:[\\da-f]{0,4}:?){1,6}])"
            + ")(?::\\d{1,5})?(?:[/?#]" + NOT_SPACE + "*)?$", FLAGS | Pattern.CASE_INSENSITIVE);
    private static final Pattern EMAIL = Pattern.compile("^" + NOT_SPACE + "+@\\w[\\w.-]*\\.\\w+$", FLAGS);
    private static final Pattern SCHEME = Pattern.compile("[\\w.+-]{2,}:/{0,2}", FLAGS);
    private static final List<String> PARAMS = List.of("trim_url_limit", "nofollow", "target", "rel",
            "extra_schemes");

    private Urlize() {
    }

    /** How a link is written: its attributes, and how long its text may be. */
    private record Style(Object trimLimit, String attributes, List<String> extraSchemes) {
    }

    static Object filter(Object value, Arguments a) {
        checkArguments(a);
        Object trim = a.get(0, "trim_url_limit", null);
        boolean nofollow = Py.truthy(a.get(1, "nofollow", false));
        Object target = a.get(2, "target", null);
        Object rel = a.get(3, "rel", null);
        Object extra = a.get(4, "extra_schemes", null);
        if (trim != null && !(trim instanceof Number) && !(trim instanceof Boolean)) {
            throw Arguments.typeError("'>' not supported between instances of 'int' and '" + Py.typeName(trim) + "'");
        }
        // Jinja2's default policy adds noopener to whatever rel is given; the words come sorted
        Set<String> relWords = new TreeSet<>();
        if (Py.truthy(rel)) {
            if (!(rel instanceof String r)) {
                throw new TemplateException(TemplateException.Kind.RUNTIME, "'" + Py.typeName(rel)
                        + "' object has no attribute 'split'");
            }
            relWords.addAll(List.of(r.strip().isEmpty() ? new String[0] : SPACES.split(r.strip())));
        }
        if (nofollow) {
            relWords.add("nofollow");
        }
        relWords.add("noopener");
        String attributes = " rel=\"" + Filters.html(String.join(" ", relWords)) + "\""
                + (Py.truthy(target) ? " target=\"" + Filters.html(Py.str(target)) + "\"" : "");
        String escaped = Markup.is(a, value) ? (String) value : Filters.html(Py.str(value));
        return Markup.html(a, urlize(escaped, new Style(trim, attributes, schemes(extra))));
    }

    private static void checkArguments(Arguments a) {
        if (a.size() > PARAMS.size()) {
            throw Arguments.typeError("urlize takes at most " + PARAMS.size() + " arguments (" + a.size()
                    + " given)");
        }
        for (Map.Entry<String, Object> kw : a.keywords().entrySet()) {
            int at = PARAMS.indexOf(kw.getKey());
            if (at < 0) {
                throw Arguments.typeError("urlize got an unexpected keyword argument '" + kw.getKey() + "'");
            }
            if (at < a.size()) {
                throw Arguments.typeError("urlize got multiple values for argument '" + kw.getKey() + "'");
            }
        }
    }

    private static List<String> schemes(Object extra) {
        List<String> out = new ArrayList<>();
        if (extra == null) {
            return out;
        }
        for (Object scheme : Py.list(extra)) {
            if (!(scheme instanceof String s)) {
                throw Arguments.typeError("expected string or bytes-like object, got '" + Py.typeName(scheme) + "'");
            }
            if (!SCHEME.matcher(s).matches()) {
                throw new TemplateException(TemplateException.Kind.RUNTIME, Py.repr(s)
                        + " is not a valid URI scheme prefix.");
            }
            out.add(s);
        }
        return out;
    }

    private static String urlize(String escaped, Style style) {
        StringBuilder out = new StringBuilder(escaped.length());
        Matcher spaces = SPACES.matcher(escaped);
        int at = 0;
        while (spaces.find()) {
            out.append(word(escaped.substring(at, spaces.start()), style)).append(spaces.group());
            at = spaces.end();
        }
        return out.append(word(escaped.substring(at), style)).toString();
    }

    /** One word: its leading brackets, the part that may be a link, and its trailing punctuation. */
    private static String word(String word, Style style) {
        String head = "";
        String middle = word;
        String tail = "";
        Matcher m = HEAD.matcher(middle);
        if (m.find()) {
            head = m.group();
            middle = middle.substring(m.end());
        }
        m = TAIL.matcher(middle);
        if (m.find()) {
            tail = m.group();
            middle = middle.substring(0, m.start());
        }
        // a closing bracket that balances one inside the address belongs to it: Foo_(bar)
        for (String[] pair : BRACKETS) {
            int opening = count(middle, pair[0]);
            if (opening <= count(middle, pair[1])) {
                continue;
            }
            for (int moves = Math.min(opening, count(tail, pair[1])); moves > 0; moves--) {
                int end = tail.indexOf(pair[1]) + pair[1].length();
                middle += tail.substring(0, end);
                tail = tail.substring(end);
            }
        }
        return head + link(middle, style) + tail;
    }

    private static String link(String middle, Style style) {
        if (WEB_ADDRESS.matcher(middle).matches()) {
            // the scheme test is case-sensitive, as Jinja2's: HTTP://X gets https:// in front too
            String href = middle.startsWith("https://") || middle.startsWith("http://") ? middle : "https://" + middle;
            return "<a href=\"" + href + "\"" + style.attributes() + ">" + trim(middle, style.trimLimit()) + "</a>";
        }
        if (middle.startsWith("mailto:") && EMAIL.matcher(middle.substring(7)).matches()) {
            return "<a href=\"" + middle + "\">" + middle.substring(7) + "</a>";
        }
        if (middle.contains("@") && !middle.startsWith("www.") && !middle.contains(":")
                && EMAIL.matcher(middle).matches()) {
            return "<a href=\"mailto:" + middle + "\">" + middle + "</a>";
        }
        for (String scheme : style.extraSchemes()) {
            if (!middle.equals(scheme) && middle.startsWith(scheme)) {
                return "<a href=\"" + middle + "\"" + style.attributes() + ">" + middle + "</a>";
            }
        }
        return middle;
    }

    /** The link's text cut to the limit (counted in characters, as Python counts them) and "...". */
    private static String trim(String text, Object limit) {
        if (limit == null) {
            return text;
        }
        int length = text.codePointCount(0, text.length());
        if (!(length > Py.toDouble(limit))) {
            return text;
        }
        if (!Py.isInt(limit) && !(limit instanceof Boolean)) {
            throw Arguments.typeError("slice indices must be integers or None or have an __index__ method");
        }
        long keep = limit instanceof Boolean b ? (b ? 1 : 0) : Py.toLong(limit);
        // a negative limit keeps all but that many characters from the end, as a Python slice does
        long cut = keep >= 0 ? Math.min(keep, length) : Math.max(0, length + keep);
        return text.substring(0, text.offsetByCodePoints(0, (int) cut)) + "...";
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
