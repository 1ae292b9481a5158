select 'hello from {{ target.name }} with {{ target.threads }} threads' as greeting
