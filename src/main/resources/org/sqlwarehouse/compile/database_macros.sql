{#- The blocks that run SQL while a node renders. They run only when execute is true: a compile
    without a connection renders them as dbt's parse does, and the node renders again when built. -#}

{% macro statement(name=none, fetch_result=false, auto_begin=true, language='sql') -%}
  {%- if execute -%}
    {%- set sql = caller() -%}
    {%- set outcome = adapter.execute(sql, auto_begin=auto_begin, fetch=fetch_result) -%}
    {%- if name is not none -%}
      {%- do store_result(name, response=outcome[0], agate_table=outcome[1]) -%}
    {%- endif -%}
  {%- endif -%}
{%- endmacro %}

{% macro run_query(sql) -%}
  {%- call statement('run_query_statement', fetch_result=true, auto_begin=false) -%}{{ sql }}{%- endcall -%}
  {%- set stored = load_result('run_query_statement') -%}
  {{ return(stored['table'] if stored else none) }}
{%- endmacro %}
