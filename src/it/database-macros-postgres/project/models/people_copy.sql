select id, name, email from {{ ref('people') }}
