{% macro cents_to_dollars(column) %}({{ column }} / 100.0)::decimal(10, 2){% endmacro %}
