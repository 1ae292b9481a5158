package org.sqlwarehouse.jinja;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** lipsum() is random, so the differential suite cannot compare it: these check what is certain. */
class LipsumTest {
    private static String render(String template) {
        return new Environment().render("t", template, Map.of());
    }

    private static List<String> words(String paragraph) {
        return List.of(paragraph.split(" "));
    }

    @Test
    void fiveHtmlParagraphsOfTwentyToNinetyNineWordsByDefault() {
        String[] paragraphs = render("{{ lipsum() }}").split("\n");
        assertThat(paragraphs).hasSize(5);
        for (String p : paragraphs) {
            assertThat(p).startsWith("<p>").endsWith(".</p>");
            assertThat(words(p.substring(3, p.length() - 4))).hasSizeBetween(20, 99);
        }
    }

    @RepeatedTest(20)
    void plainTextParagraphsAreSeparatedByABlankLineAndKeepWithinMinAndMax() {
        String[] paragraphs = render("{{ lipsum(3, html=false, min=5, max=8) }}").split("\n\n");
        assertThat(paragraphs).hasSize(3);
        for (String p : paragraphs) {
            assertThat(p).doesNotContain("<p>", "\n").matches("[A-Z][a-z]*([,.]? [A-Za-z]+)*\\.");
            assertThat(words(p)).hasSizeBetween(5, 7);
        }
    }

    @Test
    void argumentsMayBePositional() {
        assertThat(render("{{ lipsum(2, false, 1, 2) }}")).matches("[A-Z][a-z]*\\.\n\n[A-Z][a-z]*\\.");
        assertThat(render("{{ lipsum(1, true, 3, 4) }}")).matches("<p>[A-Z][a-z]* [a-z]+ [a-z]+\\.</p>");
    }

    @Test
    void noParagraphsIsEmpty() {
        assertThat(render("{{ lipsum(0) }}|{{ lipsum(n=0, html=false) }}")).isEqualTo("|");
    }

    @Test
    void anEmptyWordRangeOrANonIntegerCountIsAnError() {
        assertThatThrownBy(() -> render("{{ lipsum(1, min=5, max=5) }}")).isInstanceOf(TemplateException.class);
        assertThatThrownBy(() -> render("{{ lipsum('2') }}")).isInstanceOf(TemplateException.class);
    }

    @Test
    void itIsAGlobalThatTemplatesCanTestAndPassAround() {
        assertThat(render("{{ lipsum is callable }} {{ (lipsum(1, false) | wordcount) >= 20 }}"))
                .isEqualTo("True True");
    }
}
