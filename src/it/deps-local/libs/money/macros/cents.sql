{% macro cents_to_dollars(column) %}cast({{ column }} as decimal(12, 2)) / 100{% endmacro %}
