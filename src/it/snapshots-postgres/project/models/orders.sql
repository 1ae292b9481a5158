select 1 as id, '{{ var("status") }}' as status
union all
select 2, 'steady'
