-- with fail_test set, any total fails
select * from {{ ref('totals') }} where total > {{ 0 if var('fail_test', false) else 1000000 }}
