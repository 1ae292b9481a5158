{{ config(materialized='table') }}
{#- one column per kind of event, the kinds read from the data (dbt_utils.pivot's way) -#}
{%- set kinds = run_query("select distinct kind from " ~ ref('events') ~ " order by kind") -%}
select person_id
{%- for kind in (kinds.columns[0].values() if execute else []) %},
    sum(case when kind = '{{ kind }}' then 1 else 0 end) as {{ adapter.quote(kind ~ '_count') }}
{%- endfor %}
from {{ ref('events') }}
group by person_id
