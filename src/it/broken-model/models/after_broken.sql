{{ config(materialized='table') }}
select * from {{ ref('broken') }}
