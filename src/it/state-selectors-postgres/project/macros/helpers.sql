{% macro plus_one(x) %}{{ x }} + 1{% endmacro %}
