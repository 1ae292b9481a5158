select {{ columns_except(ref('people'), ['secret']) }} from {{ ref('people') }}
