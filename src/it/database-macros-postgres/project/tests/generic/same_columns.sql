{#- a test that compares two relations' columns, asked of the database (dbt_utils.equality's way) -#}
{% test same_columns(model, compare_model) %}
{%- set ours = adapter.get_columns_in_relation(model) | map(attribute='name') | list -%}
{%- set theirs = adapter.get_columns_in_relation(compare_model) | map(attribute='name') | list -%}
select '{{ ours | join(",") }}' as ours, '{{ theirs | join(",") }}' as theirs
where '{{ ours | join(",") }}' != '{{ theirs | join(",") }}'
{% endtest %}
