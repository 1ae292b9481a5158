{{ config(materialized='table') }}
select generate_series(1, 10) as n
