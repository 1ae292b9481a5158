select id, status, cast(updated_at as timestamp) as updated_at
from {{ ref('order_updates') }}
where batch <= {{ var('batch') }}
