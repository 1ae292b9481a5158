select 1 as one, '{{ target.name }}' as target_name
