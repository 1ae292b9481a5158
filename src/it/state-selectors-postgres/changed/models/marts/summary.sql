select count(*) as n from {{ ref('calc') }}
