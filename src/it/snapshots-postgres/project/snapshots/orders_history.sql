{% snapshot orders_history %}
{{ config(target_schema=target.schema ~ '_history', unique_key='id', strategy='check', check_cols=['status']) }}
select * from {{ ref('orders') }}
{% endsnapshot %}
