{{ config(materialized='incremental', unique_key='id', incremental_strategy='merge') }}
-- the newest update of each order: a full build and a merge of new rows agree
select id, status, updated_at
from (
    select id, status, updated_at, row_number() over (partition by id order by updated_at desc) as rn
    from {{ ref('order_updates_batch') }}
    {% if is_incremental() %}
    where updated_at > (select max(updated_at) from {{ this }})
    {% endif %}
) latest
where rn = 1
