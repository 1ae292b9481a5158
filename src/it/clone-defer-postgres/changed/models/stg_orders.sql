select id as order_id, {{ to_dollars('amount_cents') }} as amount, status from {{ ref('raw_orders') }}
