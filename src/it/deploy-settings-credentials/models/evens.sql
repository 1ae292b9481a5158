select n from {{ ref('numbers') }} where n % 2 = 0
