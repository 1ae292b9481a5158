select
    order_id,
    customer_id,
    status,
    {{ cents_to_dollars('amount_cents') }} as amount
from {{ source('shop_raw', 'orders') }}
