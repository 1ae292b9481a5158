{{ config(materialized='table') }}
select o.order_id, o.customer_id, o.amount from {{ ref('stg_orders') }} o
