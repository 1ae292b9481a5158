{{ config(materialized='table') }}
select 42 as answer
