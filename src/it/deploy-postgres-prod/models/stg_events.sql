select event_id, kind, note, amount from {{ ref('events') }}
