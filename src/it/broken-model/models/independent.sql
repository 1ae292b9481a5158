{{ config(materialized='table') }}
select id * 10 as id from {{ ref('base') }}
