{{ config(materialized='ephemeral') }}
select payment_id, order_id, amount_cents, method from {{ ref('payments') }}
