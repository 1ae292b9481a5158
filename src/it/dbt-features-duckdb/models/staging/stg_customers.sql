select customer_id, name, tier from {{ ref('customers') }}
