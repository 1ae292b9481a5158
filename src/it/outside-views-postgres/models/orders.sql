select id, amount, 'plugin' as built_by
from {{ ref('raw_orders') }}
