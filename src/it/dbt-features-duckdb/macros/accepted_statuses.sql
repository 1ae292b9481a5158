{% macro accepted_statuses() %}
    {{ return(['placed', 'shipped', 'completed']) }}
{% endmacro %}
