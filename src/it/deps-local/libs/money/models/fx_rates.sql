select 'EUR' as currency, {{ var('eur_per_dollar') }} as rate
