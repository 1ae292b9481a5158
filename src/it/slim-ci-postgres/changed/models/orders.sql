{{ config(materialized='table') }}
-- the pull request: refunded orders are no longer counted
select o.order_id, o.customer_id, o.amount from {{ ref('stg_orders') }} o where o.status <> 'refunded'
