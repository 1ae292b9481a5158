package org.sqlwarehouse.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.project.SqlFile;
import org.sqlwarehouse.report.BuildLog;

/** One renderer renders many templates; each must come out as if rendered by a renderer of its own. */
class TemplateRendererTest {
    private static final List<SqlFile> MACROS = List.of(new SqlFile("helpers", "macros/helpers.sql", """
            {% macro cents(column) %}({{ column }} * 100){% endmacro %}
            {% macro pick(x) %}{{ return(x ~ '!') }}{% endmacro %}
            {% macro broken_inside() %}{{ nope_in_macro }}{% endmacro %}
            """));
    private static final Relation THIS = new Relation("analytics", "orders", "\"analytics\".\"orders\"");

    /** What a render hands back that anyone can see: the output and the problems. */
    private record Result(String output, List<String> problems) {
    }

    private static TemplateRenderer renderer() {
        return new TemplateRenderer(MACROS, Map.of("project_name", "shop"), BuildLog.SILENT);
    }

    private static Result render(TemplateRenderer renderer, String template, Map<String, Object> bindings) {
        RenderState state = new RenderState("models/m.sql", Map.of("v", 1), Map.of(), n -> THIS, n -> null, false,
                BuildLog.SILENT);
        String output = renderer.render(template, state, bindings);
        return new Result(output, List.copyOf(state.problems));
    }

    private static Result render(TemplateRenderer renderer, String template) {
        return render(renderer, template, Map.of("this", THIS));
    }

    private static final String LONG = "select\n" + "  1 as c,\n".repeat(60) + "  {{ cents('amount') }} as amount\n"
            + "from {{ ref('orders') }}\n";

    /** Templates that leave every kind of trace: errors with lines, sets, macros, config, returns. */
    private static final List<String> TEMPLATES = List.of(
            LONG,
            "select 1\nfrom x\nwhere {{ undefined_on_line_3.attr }}\n",
            "{% set leaked = 'yes' %}{% macro local_macro() %}inner{% endmacro %}{{ leaked }} {{ local_macro() }}",
            "{{ leaked }}\n{{ local_macro() }}",
            "{{ config(materialized='table') }}select {{ var('v') }}, {{ pick('a') }}",
            "line 1\nline 2\n{% if %}\n",
            "line 1\nline 2\n{% if %}\n",
            "a\n{{ broken_inside() }}\n",
            "a\nb\n{{ 'x' | no_such_filter }}",
            "{% for i in range(3) %}{{ loop.index }}{% endfor %}\n{{ i }}",
            "{{ this }}\n\n\n{{ missing | default('d') }} {{ missing is defined }}\n{{ exceptions.raise_compiler_error('boom') }}",
            "{% if x %}\nunclosed",
            "{{ return('top') }}",
            "select {{ 1 +  }}",
            LONG,
            "a\n{% no_such_tag %}",
            LONG,
            "a\n{% endif %}",
            LONG,
            "a\n{% for %}{% endfor %}",
            LONG,
            "a\n{{ }}\n{{ 'x' | }}",
            LONG,
            "a\n{% set %}",
            LONG,
            "a\n{{ ref() }}\n{{ var('nope') }}",
            LONG,
            "a\n{% macro %}{% endmacro %}",
            LONG,
            "a\n{{ {'a': } }}",
            LONG,
            "a\n{% raw %}",
            LONG,
            "a\n{{ 'unterminated }}",
            LONG);

    @Test
    void aReusedRendererRendersEachTemplateAsAFreshOneWould() {
        TemplateRenderer reused = renderer();
        List<Result> fresh = new ArrayList<>();
        List<Result> again = new ArrayList<>();
        for (String template : TEMPLATES) {
            fresh.add(render(renderer(), template));
            again.add(render(reused, template));
        }
        assertThat(again).containsExactlyElementsOf(fresh);
        // the cases above do fail as intended, so that the comparison means something
        assertThat(fresh.get(1).problems()).containsExactly("models/m.sql line 3: 'undefined_on_line_3' is undefined");
        assertThat(fresh.get(5).problems()).singleElement().asString().startsWith("models/m.sql line 3: ");
    }

    @Test
    void anErrorOnLineThreeAfterALongTemplateIsReportedOnLineThree() {
        TemplateRenderer renderer = renderer();
        render(renderer, LONG);
        String template = "select 1\nfrom x\n{% if %}\n{{ y }}";
        Result broken = render(renderer, template);
        assertThat(broken).isEqualTo(render(renderer(), template));
        assertThat(broken.problems()).containsExactly(
                "models/m.sql line 3: Expected an expression, got end of statement block");
    }

    @Test
    void theSameErrorInTwoTemplatesIsReportedForBoth() {
        TemplateRenderer renderer = renderer();
        Result first = render(renderer, "a\n{% if %}");
        Result second = render(renderer, "a\n{% if %}");
        assertThat(first.problems()).isNotEmpty();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aVariableSetInOneTemplateIsUndefinedInTheNext() {
        TemplateRenderer renderer = renderer();
        assertThat(render(renderer, "{% set x = 1 %}{{ x }}")).isEqualTo(new Result("1", List.of()));
        // Jinja2 prints an undefined name as nothing; taking an attribute of it fails
        assertThat(render(renderer, "{{ x }}|{{ x is defined }}")).isEqualTo(new Result("|False", List.of()));
        assertThat(render(renderer, "{{ x.y }}").problems()).containsExactly("models/m.sql line 1: 'x' is undefined");
    }

    @Test
    void aMacroDefinedInAModelIsUnknownInTheNext() {
        TemplateRenderer renderer = renderer();
        assertThat(render(renderer, "{% macro m() %}hi{% endmacro %}{{ m() }}").output()).isEqualTo("hi");
        Result next = render(renderer, "{{ m() }}");
        assertThat(next.problems()).isNotEmpty();
        assertThat(next).isEqualTo(render(renderer(), "{{ m() }}"));
    }

    @Test
    void bindingsOfOneRenderAreGoneInTheNext() {
        TemplateRenderer renderer = renderer();
        assertThat(render(renderer, "{{ this }}").output()).isEqualTo("\"analytics\".\"orders\"");
        assertThat(render(renderer, "{{ this.schema }}", Map.of()).problems())
                .containsExactly("models/m.sql line 1: 'this' is undefined");
    }

    @Test
    void templatesWithBlocksRenderAsBefore() {
        TemplateRenderer renderer = renderer();
        String template = "{% block body %}one{% endblock %}";
        assertThat(render(renderer, template)).isEqualTo(render(renderer(), template));
        assertThat(render(renderer, "{% block body %}two{% endblock %}").output()).isEqualTo("two");
    }

    private static List<String> unknownFilters(String template) {
        return render(renderer(), template).problems().stream().filter(p -> p.contains("unknown filter")).toList();
    }

    @Test
    void anUnknownFilterIsAnErrorOfItsLineAsInJinja2() {
        assertThat(unknownFilters("a\n{{ 'x' | nope }}")).containsExactly("models/m.sql line 2: unknown filter 'nope'");
        assertThat(unknownFilters("select a || b, '|' as bar {{ 'x' | upper }} | nope")).isEmpty();
        assertThat(unknownFilters("{{ 'a | nope' ~ \"b|nope\" }}")).isEmpty();
        assertThat(unknownFilters("{{ '}}' | nope }}")).containsExactly("models/m.sql line 1: unknown filter 'nope'");
        // Jinja2 leaves an unknown filter inside an if statement to fail when it is used
        assertThat(render(renderer(), "{% if false %}{{ 'x' | nope }}{% endif %}ok"))
                .isEqualTo(new Result("ok", List.of()));
        assertThat(unknownFilters("{% if true %}\n{{ 'x' | nope }}{% endif %}"))
                .containsExactly("models/m.sql line 2: unknown filter 'nope'");
    }
}
