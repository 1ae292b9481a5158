select 'tea' as item, {{ money.cents_to_dollars('1250') }} as dollars
