select o.order_id, c.customer_id
from {{ ref('orders') }} o
join {{ ref('custmers') }} c on c.customer_id = o.customer_id
