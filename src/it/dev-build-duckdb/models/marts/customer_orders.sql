{% set threshold = var('min_amount') %}
select
    c.customer_id,
    c.customer_name,
    count(o.order_id) as order_count,
    coalesce(sum(o.amount), 0) as total_amount,
    sum(case when o.amount >= {{ threshold }} then 1 else 0 end) as big_orders
from {{ ref('stg_customers') }} c
left join {{ ref('stg_orders') }} o on o.customer_id = c.customer_id
group by c.customer_id, c.customer_name
