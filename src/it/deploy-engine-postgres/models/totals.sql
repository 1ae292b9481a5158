{{ config(materialized='table') }}
select sum(amount) as total, count(*) as n
from {{ ref('stg') }}
{% if var('break', false) %}where no_such_column > 0{% endif %}
