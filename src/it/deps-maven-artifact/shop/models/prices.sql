select 'tea' as item, {{ finance_macros.cents_to_dollars('1250') }} as dollars
