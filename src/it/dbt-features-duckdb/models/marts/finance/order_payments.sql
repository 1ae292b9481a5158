with paid as (
    select order_id, sum(amount_cents) as paid_cents
    from {{ ref('stg_payments') }}
    group by order_id
)
select o.order_id, o.amount, coalesce(paid.paid_cents, 0) / 100.0 as paid
from {{ ref('stg_orders') }} o
left join paid on paid.order_id = o.order_id
