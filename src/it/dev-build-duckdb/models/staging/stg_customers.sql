{# customers with a display name; a comment that must not reach the SQL #}
select
    id as customer_id,
    coalesce(name, 'unknown') as customer_name,
    city,
    is_active
from {{ ref('customers') }}
