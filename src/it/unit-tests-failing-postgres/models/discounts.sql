-- the bug the unit test catches: the discount applies from 100 on, not above it
select id, price, case when price > 100 then price * 0.9 else price end as discounted
from (select 1 as id, 50.0 as price) catalog_stub
