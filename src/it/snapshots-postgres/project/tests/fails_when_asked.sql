-- a data test that fails when the run says so: the injected failure of the second deploy
select * from {{ ref('orders_history') }} where {{ var('fail', false) }}
