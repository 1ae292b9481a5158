package org.sqlwarehouse.jinja;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * What the differential suite cannot check, since it only compares output: where errors are
 * reported, the limits, what include may read, and the hooks dbt's context needs.
 */
class EngineTest {
    private static TemplateException failure(Environment env, String name, String template) {
        try {
            env.render(name, template, Map.of());
        } catch (TemplateException e) {
            return e;
        }
        throw new AssertionError("rendered without an error: " + template);
    }

    @Test
    void aSyntaxErrorNamesTheTemplateAndLine() {
        TemplateException e = failure(new Environment(), "models/x.sql", "select 1\nfrom t\n{% if %}");
        assertThat(e.kind()).isEqualTo(TemplateException.Kind.SYNTAX);
        assertThat(e.templateName()).isEqualTo("models/x.sql");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).startsWith("models/x.sql line 3: ");
    }

    @Test
    void anErrorInAnIncludedTemplateNamesThatTemplateAndItsLine() {
        Environment env = new Environment().loader(Map.of("macros/m.sql", "{% macro m() %}\n{{ nope.x }}{% endmacro %}")::get);
        TemplateException e = failure(env, "models/x.sql", "{% from 'macros/m.sql' import m %}\n\n{{ m() }}");
        assertThat(e.getMessage()).isEqualTo("macros/m.sql line 2: 'nope' is undefined");
    }

    @Test
    void callingAnUndefinedNameIsAnErrorNamingIt() {
        assertThat(failure(new Environment(), "models/x.sql", "a\n{{ no_such_macro(1) }}").getMessage())
                .isEqualTo("models/x.sql line 2: unknown function 'no_such_macro'");
    }

    @Test
    void infiniteRecursionFailsNamingTheMacro() {
        TemplateException e = failure(new Environment(), "models/x.sql",
                "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}\n{{ f(0) }}");
        assertThat(e.kind()).isEqualTo(TemplateException.Kind.RECURSION);
        assertThat(e.getMessage()).startsWith("models/x.sql line 1: maximum recursion depth exceeded")
                .contains("macro 'f'");
    }

    @Test
    void recursionWorksUpToTheDepthLimit() {
        Environment env = new Environment().limits(50, Environment.DEFAULT_MAX_OUTPUT);
        String f = "{% macro f(n) %}{{ n }}{% if n > 1 %}{{ f(n - 1) }}{% endif %}{% endmacro %}";
        assertThat(env.render("t", f + "{{ f(3) }}", Map.of())).isEqualTo("321");
        assertThat(env.render("t", f + "{{ f(50) | length }}", Map.of())).isEqualTo("91");
        assertThat(failure(env, "t", f + "{{ f(51) }}").getMessage()).contains("(50 nested calls) in macro 'f'");
    }

    @Test
    void rangeYieldsWhatItSaysUpToTheSandboxLimit() {
        Environment env = new Environment();
        assertThat(env.render("t", "{{ range(5000) | length }} {{ range(5000) | last }}", Map.of()))
                .isEqualTo("5000 4999");
        assertThat(failure(env, "t", "{{ range(100001) | length }}").kind()).isEqualTo(TemplateException.Kind.LIMIT);
    }

    @Test
    void aRunawayTemplateFailsInsteadOfFillingTheHeap() {
        Environment env = new Environment().limits(100, 10_000);
        assertThat(failure(env, "t", "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}")
                .getMessage()).contains("output is larger than the limit of 10000 characters");
        assertThat(failure(env, "t", "{{ 'x' * 1000000000 }}").kind()).isEqualTo(TemplateException.Kind.LIMIT);
        assertThat(failure(env, "t", "{% set l = [] %}{% for i in range(100000) %}{% do l.append(i) %}{% endfor %}")
                .kind()).isEqualTo(TemplateException.Kind.LIMIT);
        assertThat(failure(env, "t", "{% set ns = namespace(s='x') %}{% for i in range(100) %}"
                + "{% set ns.s = ns.s ~ ns.s %}{% endfor %}").kind()).isEqualTo(TemplateException.Kind.LIMIT);
    }

    @Test
    void includeReadsOnlyWhatTheLoaderHasNeverTheClasspath() {
        TemplateException e = failure(new Environment(), "t", "{% include 'META-INF/MANIFEST.MF' %}");
        assertThat(e.kind()).isEqualTo(TemplateException.Kind.NOT_FOUND);
        Environment env = new Environment().loader(Map.of("macros/h.sql", "-- {{ who }}")::get);
        assertThat(env.render("t", "{% set who = 'me' %}{% include 'macros/h.sql' %}", Map.of())).isEqualTo("-- me");
    }

    @Test
    void exportedMacrosSeeTheContextOfTheRenderThatCallsThem() {
        Environment env = new Environment();
        Map<String, Object> macros = env.parse("macros/who.sql", "{% macro who() %}{{ this }}{% endmacro %}")
                .exports(Map.of());
        assertThat(macros).containsOnlyKeys("who").extractingByKey("who").isInstanceOf(Macro.class);
        env.global("who", macros.get("who"));
        assertThat(env.render("models/a.sql", "{{ who() }}", Map.of("this", "a"))).isEqualTo("a");
        assertThat(env.render("models/b.sql", "{{ who() }}", Map.of("this", "b"))).isEqualTo("b");
    }

    @Test
    void aFunctionCanEndTheMacroWithAValue() {
        Environment env = new Environment().global("ret", (PyCallable) args -> {
            throw new MacroReturn(args.get(0));
        });
        assertThat(env.render("t", "{% macro m() %}a{{ ret([1, 2]) }}b{% endmacro %}{{ m() + [3] }}", Map.of()))
                .isEqualTo("[1, 2, 3]");
    }

    @Test
    void functionsGetTheLineOfTheCall() {
        Environment env = new Environment().global("where", (PyCallable) args -> args.templateName() + ":"
                + args.line() + ":" + Py.str(args.insideMacro()));
        assertThat(env.render("models/x.sql", "\n\n{{ where() }}", Map.of())).isEqualTo("\n\nmodels/x.sql:3:False");
        assertThat(env.render("models/x.sql", "{% macro m() %}\n{{ where() }}{% endmacro %}{{ m() }}", Map.of()))
                .isEqualTo("\nmodels/x.sql:2:True");
    }

    @Test
    void aTemplateOfOneExpressionHasItsValue() {
        Environment env = new Environment();
        assertThat(env.parse("t", "{{ none }}").renderValue(Map.of())).isNull();
        assertThat(env.parse("t", "{{ [1] }}").renderValue(Map.of())).asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsExactly(1L);
        assertThat(env.parse("t", "x{{ none }}").renderValue(Map.of())).isEqualTo("xNone");
    }

    /** A plain Java value as a template sees it. */
    public record Point(int x, int y) {
        public int getSum() {
            return x + y;
        }
    }

    @Test
    void javaObjectsShowTheirGettersAndMethods() {
        assertThatThrownBy(() -> new Environment().render("t", "{{ p.nope() }}", Map.of("p", new Point(1, 2))))
                .isInstanceOf(TemplateException.class);
        assertThat(new Environment().render("t", "{{ p.sum }} {{ p.x() }}", Map.of("p", new Point(1, 2))))
                .isEqualTo("3 1");
    }

    @Test
    void anErrorInAnExtendedTemplateNamesThatTemplateAndItsLine() {
        Environment env = new Environment().loader(Map.of(
                "layouts/base.sql", "select\n{% block cols %}\n{{ nope.x }}{% endblock %}",
                "layouts/mid.sql", "{% extends 'layouts/base.sql' %}\n{% block cols %}\n\n{{ super() }}{% endblock %}")::get);
        TemplateException e = failure(env, "models/x.sql", "{% extends 'layouts/mid.sql' %}");
        assertThat(e.getMessage()).isEqualTo("layouts/base.sql line 3: 'nope' is undefined");
        e = failure(env, "models/y.sql", "{% extends 'layouts/base.sql' %}\n{% block cols %}\n{{ 1 / 0 }}{% endblock %}");
        assertThat(e.templateName()).isEqualTo("models/y.sql");
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void inheritanceErrorsAreRuntimeErrorsAsInJinja2() {
        Environment env = new Environment().loader(Map.of("base", "{% block body required %}{% endblock %}")::get);
        TemplateException required = failure(env, "t", "{% extends 'base' %}");
        assertThat(required.kind()).isEqualTo(TemplateException.Kind.RUNTIME);
        assertThat(required.getMessage()).isEqualTo("base line 1: Required block 'body' not found");
        assertThat(failure(env, "t", "{% extends 'base' %}{% extends 'base' %}").getMessage())
                .isEqualTo("t line 1: extended multiple times");
        assertThat(failure(env, "t", "{% block a %}{% endblock %}\n{% block a %}{% endblock %}").kind())
                .isEqualTo(TemplateException.Kind.SYNTAX);
        assertThat(failure(env, "t", "{% for i in [1] %}{% extends 'base' %}{% endfor %}").getMessage())
                .isEqualTo("t line 1: cannot use extend from a non top-level scope");
    }

    @Test
    void extendsReadsOnlyWhatTheLoaderHasNeverTheClasspath() {
        TemplateException e = failure(new Environment(), "t", "{% extends 'META-INF/MANIFEST.MF' %}");
        assertThat(e.kind()).isEqualTo(TemplateException.Kind.NOT_FOUND);
    }

    @Test
    void extendsAndIncludeTakeATemplateObjectFromTheContext() {
        Environment env = new Environment();
        Template layout = env.parse("layout", "<{% block b %}base{% endblock %}>");
        Map<String, Object> context = Map.of("layout", layout);
        assertThat(env.render("t", "{% extends layout %}{% block b %}child{% endblock %}", context))
                .isEqualTo("<child>");
        assertThat(env.render("t", "{% include layout %}|{% include [layout] %}", context)).isEqualTo("<base>|<base>");
    }
}
