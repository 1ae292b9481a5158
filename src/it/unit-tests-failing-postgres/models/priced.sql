select d.id, d.discounted as final_price from {{ ref('discounts') }} d
