{% macro to_dollars(column) %}round({{ column }} / 100.0, 1){% endmacro %}
