{{ config(materialized='incremental', unique_key='id', incremental_strategy='merge') }}
select id, status, updated_at
from {{ ref('order_updates_batch') }}
{% if is_incremental() %}
where updated_at > (select max(updated_at) from {{ this }})
{% endif %}
