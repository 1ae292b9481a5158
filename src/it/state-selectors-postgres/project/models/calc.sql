select id, {{ plus_one('id') }} as next_id from {{ ref('stg') }}
