{{ config(materialized='table') }}
select o.customer, sum(o.amount) as total, max(o.amount) >= {{ var('large_order') }} as has_large_order
from {{ ref('stg_orders') }} o
where o.status = 'paid'
group by o.customer
