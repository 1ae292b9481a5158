select id, {{ plus_one('id') }} as next_id, 'v2' as version from {{ ref('stg') }}
