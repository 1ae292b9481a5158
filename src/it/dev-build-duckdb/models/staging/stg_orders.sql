select
    order_id,
    customer_id,
    order_code,
    amount,
    status
from {{ ref('orders') }}
where status in (
    {%- for s in var('statuses') -%}
    '{{ s }}'{% if not loop.last %}, {% endif %}
    {%- endfor -%}
)
