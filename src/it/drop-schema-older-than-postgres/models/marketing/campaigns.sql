{{ config(schema='marketing', materialized='table') }}
select id from {{ ref('base') }}
