{{ config(materialized='table') }}
select count(*) as orders, sum(amount) as revenue from {{ ref('orders') }}
