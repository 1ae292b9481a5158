select * from {{ ref('stg_events') }} where kind = 'click'
