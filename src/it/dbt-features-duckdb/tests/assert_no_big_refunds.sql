-- returned orders above 10 dollars need a manual refund: fail so someone looks
select * from {{ ref('stg_orders') }} where status = 'returned' and amount > 10
