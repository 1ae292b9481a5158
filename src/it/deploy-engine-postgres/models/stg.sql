select id, amount * {{ var('factor', 1) }} as amount from {{ ref('base') }}
