select p.item, p.dollars * r.rate as euros
from {{ ref('prices') }} p cross join {{ ref('money', 'fx_rates') }} r
