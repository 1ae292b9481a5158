package org.sqlwarehouse.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The lipsum() global: n paragraphs of placeholder Latin, each of min to max - 1 words in
 * sentences with commas, as HTML paragraphs (one a line) or as text (a blank line between).
 */
final class Lipsum {
    private static final String[] WORDS = ("a ac accumsan ad adipiscing aenean aliquam aliquet amet ante aptent "
            + "arcu at auctor augue bibendum blandit class commodo condimentum congue consectetuer consequat "
            + "conubia convallis cras cubilia cum curabitur curae cursus dapibus diam dictum dictumst dignissim "
            + "dis dolor donec dui duis egestas eget eleifend elementum elit enim erat eros est et etiam eu "
            + "euismod facilisi facilisis fames faucibus felis fermentum feugiat fringilla fusce gravida "
            + "habitant habitasse hac hendrerit hymenaeos iaculis id imperdiet in inceptos integer interdum "
            + "ipsum justo lacinia lacus laoreet lectus leo libero ligula litora lobortis lorem luctus maecenas "
            + "magna magnis malesuada massa mattis mauris metus mi molestie mollis montes morbi mus nam "
            + "nascetur natoque nec neque netus nibh nisi nisl non nonummy nostra nulla nullam nunc odio orci "
            + "ornare parturient pede pellentesque penatibus per pharetra phasellus placerat platea porta "
            + "porttitor posuere potenti praesent pretium primis proin pulvinar purus quam quis quisque rhoncus "
            + "ridiculus risus rutrum sagittis sapien scelerisque sed sem semper senectus sit sociis sociosqu "
            + "sodales sollicitudin suscipit suspendisse taciti tellus tempor tempus tincidunt torquent tortor "
            + "tristique turpis ullamcorper ultrices ultricies urna ut varius vehicula vel velit venenatis "
            + "vestibulum vitae vivamus viverra volutpat vulputate").split(" ");

    private Lipsum() {
    }

    static Object generate(Arguments a) {
        long n = integer(a.get(0, "n", 5L));
        boolean html = Py.truthy(a.get(1, "html", true));
        long min = integer(a.get(2, "min", 20L));
        long max = integer(a.get(3, "max", 100L));
        if (min >= max) {
            throw new TemplateException(TemplateException.Kind.VALUE, "empty range for randrange() (" + min + ", "
                    + max + ", " + (max - min) + ")");
        }
        Random random = ThreadLocalRandom.current();
        List<String> paragraphs = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            String p = paragraph(random, (int) (min + random.nextLong(max - min)));
            paragraphs.add(html ? "<p>" + Filters.html(p) + "</p>" : p);
        }
        return String.join(html ? "\n" : "\n\n", paragraphs);
    }

    private static long integer(Object o) {
        if (!Py.isInt(o)) {
            throw Arguments.typeError("'" + Py.typeName(o) + "' object cannot be interpreted as an integer");
        }
        return Py.toLong(o);
    }

    /** Sentences of 10 to 20 words, a comma every 3 to 8 words, never the same word twice in a row. */
    private static String paragraph(Random random, int words) {
        StringBuilder p = new StringBuilder();
        String previous = null;
        boolean sentenceStart = true;
        int sinceComma = 0;
        int sinceStop = 0;
        int nextComma = 3 + random.nextInt(6);
        int nextStop = 10 + random.nextInt(11);
        for (int i = 0; i < words; i++) {
            String word;
            do {
                word = WORDS[random.nextInt(WORDS.length)];
            } while (word.equals(previous));
            previous = word;
            if (p.length() > 0) {
                p.append(' ');
            }
            p.append(sentenceStart ? word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1) : word);
            sentenceStart = false;
            sinceComma++;
            sinceStop++;
            if (sinceStop >= nextStop && i < words - 1) {
                p.append('.');
                sentenceStart = true;
                sinceComma = 0;
                sinceStop = 0;
                nextStop = 10 + random.nextInt(11);
            } else if (sinceComma >= nextComma && i < words - 1) {
                p.append(',');
                sinceComma = 0;
                nextComma = 3 + random.nextInt(6);
            }
        }
        return p.append('.').toString();
    }
}
