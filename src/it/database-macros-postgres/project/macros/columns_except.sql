{#- The relation's columns but the excluded ones, asked of the database (dbt_utils.star's way). -#}
{% macro columns_except(relation, excluded) -%}
  {%- if not execute -%}{{ return('*') }}{%- endif -%}
  {%- set names = [] -%}
  {%- for column in adapter.get_columns_in_relation(relation) -%}
    {%- if column.name | lower not in excluded -%}{%- do names.append(column.quoted) -%}{%- endif -%}
  {%- endfor -%}
  {{ return(names | join(', ')) }}
{%- endmacro %}
