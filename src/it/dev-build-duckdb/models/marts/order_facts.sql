{{ config(materialized='view', alias='order_facts_v') }}
-- built as {{ this }} on target {{ target.name }}
select o.*, '{{ target.schema }}' as built_in
from {{ ref('stg_orders') }} o
