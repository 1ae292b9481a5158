package org.sqlwarehouse.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The macros a file defines, as manifest.json lists them. */
class MacroDefinitionsTest {
    @Test
    void findsEachMacroAndGenericTestWithItsWholeBlock() {
        String file = "{# helpers #}\n{% macro cents(c) %}({{ c }} / 100){% endmacro %}\n"
                + "{%- macro  upper_name (x) -%}\nupper({{ x }})\n{%- endmacro -%}\n"
                + "{% test positive(model, column_name) %}select 1{% endtest %}\n";

        assertThat(MacroDefinitions.in(file)).containsExactly(
                new MacroDefinitions.Definition("cents", "{% macro cents(c) %}({{ c }} / 100){% endmacro %}"),
                new MacroDefinitions.Definition("upper_name",
                        "{%- macro  upper_name (x) -%}\nupper({{ x }})\n{%- endmacro -%}"),
                new MacroDefinitions.Definition("test_positive",
                        "{% test positive(model, column_name) %}select 1{% endtest %}"));
    }

    @Test
    void anUnterminatedBlockEndsTheList() {
        assertThat(MacroDefinitions.in("{% macro ok() %}1{% endmacro %}{% macro broken() %}2"))
                .extracting(MacroDefinitions.Definition::name).containsExactly("ok");
    }
}
