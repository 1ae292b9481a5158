select kind, count(*) as events, sum(amount) as amount
from {{ ref('stg_events') }}
group by kind
