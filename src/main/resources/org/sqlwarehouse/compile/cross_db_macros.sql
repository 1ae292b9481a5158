{#- dbt's cross-database macros, in its dbt namespace: each dispatches through
    adapter.dispatch(name, 'dbt'), so a project that lists itself in a dispatch: search_order for
    macro_namespace dbt overrides any of them. Written for this plugin from each macro's documented
    contract; default__ is the ANSI-ish form, duckdb__/postgres__ where those differ. -#}

{# ---------------------------------------------------------------- types #}

{% macro type_string() -%}{{ return(adapter.dispatch('type_string', 'dbt')()) }}{%- endmacro %}
{% macro default__type_string() -%}{{ return('text') }}{%- endmacro %}
{% macro duckdb__type_string() -%}{{ return('varchar') }}{%- endmacro %}

{% macro type_int() -%}{{ return(adapter.dispatch('type_int', 'dbt')()) }}{%- endmacro %}
{% macro default__type_int() -%}{{ return('integer') }}{%- endmacro %}

{% macro type_bigint() -%}{{ return(adapter.dispatch('type_bigint', 'dbt')()) }}{%- endmacro %}
{% macro default__type_bigint() -%}{{ return('bigint') }}{%- endmacro %}

{% macro type_float() -%}{{ return(adapter.dispatch('type_float', 'dbt')()) }}{%- endmacro %}
{% macro default__type_float() -%}{{ return('float') }}{%- endmacro %}
{#- DuckDB's float is four bytes; dbt's float is a double everywhere else -#}
{% macro duckdb__type_float() -%}{{ return('double') }}{%- endmacro %}

{% macro type_numeric() -%}{{ return(adapter.dispatch('type_numeric', 'dbt')()) }}{%- endmacro %}
{% macro default__type_numeric() -%}{{ return('numeric(28,6)') }}{%- endmacro %}

{% macro type_timestamp() -%}{{ return(adapter.dispatch('type_timestamp', 'dbt')()) }}{%- endmacro %}
{% macro default__type_timestamp() -%}{{ return('timestamp') }}{%- endmacro %}
{% macro postgres__type_timestamp() -%}{{ return('timestamp without time zone') }}{%- endmacro %}

{% macro type_boolean() -%}{{ return(adapter.dispatch('type_boolean', 'dbt')()) }}{%- endmacro %}
{% macro default__type_boolean() -%}{{ return('boolean') }}{%- endmacro %}

{# ---------------------------------------------------------------- dates #}

{% macro current_timestamp() -%}{{ return(adapter.dispatch('current_timestamp', 'dbt')()) }}{%- endmacro %}
{% macro default__current_timestamp() -%}current_timestamp{%- endmacro %}
{% macro postgres__current_timestamp() -%}now(){%- endmacro %}
{% macro duckdb__current_timestamp() -%}now(){%- endmacro %}

{% macro date_trunc(datepart, date) -%}{{ return(adapter.dispatch('date_trunc', 'dbt')(datepart, date)) }}{%- endmacro %}
{% macro default__date_trunc(datepart, date) -%}date_trunc('{{ datepart }}', {{ date }}){%- endmacro %}

{% macro dateadd(datepart, interval, from_date_or_timestamp) -%}
{{ return(adapter.dispatch('dateadd', 'dbt')(datepart, interval, from_date_or_timestamp)) }}
{%- endmacro %}
{% macro default__dateadd(datepart, interval, from_date_or_timestamp) -%}
{%- set unit = 'month' if datepart == 'quarter' else datepart -%}
{%- set step = '3' if datepart == 'quarter' else '1' -%}
{{ from_date_or_timestamp }} + ((interval '{{ step }} {{ unit }}') * ({{ interval }}))
{%- endmacro %}

{% macro datediff(first_date, second_date, datepart) -%}
{{ return(adapter.dispatch('datediff', 'dbt')(first_date, second_date, datepart)) }}
{%- endmacro %}
{#- the number of datepart boundaries crossed from the first to the second: 2024-01-31 to
    2024-02-01 is one month -#}
{% macro default__datediff(first_date, second_date, datepart) -%}
datediff({{ datepart }}, {{ first_date }}, {{ second_date }})
{%- endmacro %}
{% macro duckdb__datediff(first_date, second_date, datepart) -%}
{%- if datepart == 'week' -%}
{{ dbt.postgres__datediff(first_date, second_date, datepart) }}
{%- else -%}
date_diff('{{ datepart }}', cast({{ first_date }} as timestamp), cast({{ second_date }} as timestamp))
{%- endif -%}
{%- endmacro %}
{% macro postgres__datediff(first_date, second_date, datepart) -%}
{%- set a = 'cast(' ~ first_date ~ ' as timestamp)' -%}
{%- set b = 'cast(' ~ second_date ~ ' as timestamp)' -%}
{%- set days = '(cast(' ~ b ~ ' as date) - cast(' ~ a ~ ' as date))' -%}
{%- set years = '(date_part(\'year\', ' ~ b ~ ') - date_part(\'year\', ' ~ a ~ '))' -%}
{%- if datepart == 'year' -%}
cast({{ years }} as bigint)
{%- elif datepart == 'quarter' -%}
cast({{ years }} * 4 + date_part('quarter', {{ b }}) - date_part('quarter', {{ a }}) as bigint)
{%- elif datepart == 'month' -%}
cast({{ years }} * 12 + date_part('month', {{ b }}) - date_part('month', {{ a }}) as bigint)
{%- elif datepart == 'day' -%}
cast({{ days }} as bigint)
{%- elif datepart == 'week' -%}
{#- weeks start on Sunday (date_part('week') is ISO's, from Monday): the Sundays crossed.
    DuckDB's datediff uses this too. -#}
cast(floor(((cast({{ b }} as date) - cast(date_part('dow', {{ b }}) as integer))
    - (cast({{ a }} as date) - cast(date_part('dow', {{ a }}) as integer))) / 7) as bigint)
{%- elif datepart == 'hour' -%}
cast({{ days }} * 24 + date_part('hour', {{ b }}) - date_part('hour', {{ a }}) as bigint)
{%- elif datepart == 'minute' -%}
cast(({{ days }} * 24 + date_part('hour', {{ b }}) - date_part('hour', {{ a }})) * 60
    + date_part('minute', {{ b }}) - date_part('minute', {{ a }}) as bigint)
{%- elif datepart == 'second' -%}
cast((({{ days }} * 24 + date_part('hour', {{ b }}) - date_part('hour', {{ a }})) * 60
    + date_part('minute', {{ b }}) - date_part('minute', {{ a }})) * 60
    + floor(date_part('second', {{ b }})) - floor(date_part('second', {{ a }})) as bigint)
{%- else -%}
{{ exceptions.raise_compiler_error("Unsupported datepart for macro datediff in postgres: " ~ datepart) }}
{%- endif -%}
{%- endmacro %}

{% macro last_day(date, datepart) -%}{{ return(adapter.dispatch('last_day', 'dbt')(date, datepart)) }}{%- endmacro %}
{#- the last day of the datepart the date is in, as a date -#}
{% macro default__last_day(date, datepart) -%}
cast({{ dbt.dateadd('day', '-1', dbt.dateadd(datepart, '1', dbt.date_trunc(datepart, date))) }} as date)
{%- endmacro %}

{# ---------------------------------------------------------------- strings #}

{% macro concat(fields) -%}{{ return(adapter.dispatch('concat', 'dbt')(fields)) }}{%- endmacro %}
{% macro default__concat(fields) -%}{{ fields | join(' || ') }}{%- endmacro %}

{% macro hash(field) -%}{{ return(adapter.dispatch('hash', 'dbt')(field)) }}{%- endmacro %}
{% macro default__hash(field) -%}md5(cast({{ field }} as {{ dbt.type_string() }})){%- endmacro %}

{% macro split_part(string_text, delimiter_text, part_number) -%}
{{ return(adapter.dispatch('split_part', 'dbt')(string_text, delimiter_text, part_number)) }}
{%- endmacro %}
{#- a negative part counts from the end: -1 is the last. The part's index from the start is the
    number of parts, one more than the delimiters, plus the part plus one. -#}
{% macro default__split_part(string_text, delimiter_text, part_number) -%}
{%- if part_number is number and part_number < 0 -%}
split_part({{ string_text }}, {{ delimiter_text }},
    cast((length({{ string_text }}) - length(replace({{ string_text }}, {{ delimiter_text }}, '')))
        / length({{ delimiter_text }}) + 1 + ({{ part_number }}) + 1 as integer))
{%- else -%}
split_part({{ string_text }}, {{ delimiter_text }}, {{ part_number }})
{%- endif -%}
{%- endmacro %}

{% macro replace(field, old_chars, new_chars) -%}
{{ return(adapter.dispatch('replace', 'dbt')(field, old_chars, new_chars)) }}
{%- endmacro %}
{% macro default__replace(field, old_chars, new_chars) -%}replace({{ field }}, {{ old_chars }}, {{ new_chars }}){%- endmacro %}

{% macro right(string_text, length_expression) -%}
{{ return(adapter.dispatch('right', 'dbt')(string_text, length_expression)) }}
{%- endmacro %}
{% macro default__right(string_text, length_expression) -%}right({{ string_text }}, {{ length_expression }}){%- endmacro %}

{% macro length(expression) -%}{{ return(adapter.dispatch('length', 'dbt')(expression)) }}{%- endmacro %}
{% macro default__length(expression) -%}length({{ expression }}){%- endmacro %}

{% macro position(substring_text, string_text) -%}
{{ return(adapter.dispatch('position', 'dbt')(substring_text, string_text)) }}
{%- endmacro %}
{% macro default__position(substring_text, string_text) -%}position({{ substring_text }} in {{ string_text }}){%- endmacro %}

{% macro string_literal(value) -%}{{ return(adapter.dispatch('string_literal', 'dbt')(value)) }}{%- endmacro %}
{% macro default__string_literal(value) -%}'{{ value }}'{%- endmacro %}

{% macro escape_single_quotes(expression) -%}
{{ return(adapter.dispatch('escape_single_quotes', 'dbt')(expression)) }}
{%- endmacro %}
{% macro default__escape_single_quotes(expression) -%}{{ expression | replace("'", "''") }}{%- endmacro %}

{% macro safe_cast(field, type) -%}{{ return(adapter.dispatch('safe_cast', 'dbt')(field, type)) }}{%- endmacro %}
{#- dbt's default, which PostgreSQL keeps: a plain cast, so a value that does not convert is an error -#}
{% macro default__safe_cast(field, type) -%}cast({{ field }} as {{ type }}){%- endmacro %}
{#- DuckDB's try_cast gives null for a value that does not convert -#}
{% macro duckdb__safe_cast(field, type) -%}try_cast({{ field }} as {{ type }}){%- endmacro %}

{% macro cast_bool_to_text(field) -%}{{ return(adapter.dispatch('cast_bool_to_text', 'dbt')(field)) }}{%- endmacro %}
{% macro default__cast_bool_to_text(field) -%}cast({{ field }} as {{ dbt.type_string() }}){%- endmacro %}

{% macro listagg(measure, delimiter_text="','", order_by_clause=none, limit_num=none) -%}
{{ return(adapter.dispatch('listagg', 'dbt')(measure, delimiter_text, order_by_clause, limit_num)) }}
{%- endmacro %}
{% macro default__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
{%- if limit_num -%}
array_to_string((array_agg({{ measure }}{% if order_by_clause %} {{ order_by_clause }}{% endif %}))[1:{{ limit_num }}], {{ delimiter_text }})
{%- else -%}
string_agg({{ measure }}, {{ delimiter_text }}{% if order_by_clause %} {{ order_by_clause }}{% endif %})
{%- endif -%}
{%- endmacro %}
{% macro duckdb__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
{%- if limit_num -%}
array_to_string(list_slice(list({{ measure }}{% if order_by_clause %} {{ order_by_clause }}{% endif %}), 1, {{ limit_num }}), {{ delimiter_text }})
{%- else -%}
string_agg({{ measure }}, {{ delimiter_text }}{% if order_by_clause %} {{ order_by_clause }}{% endif %})
{%- endif -%}
{%- endmacro %}

{# ---------------------------------------------------------------- aggregates and sets #}

{% macro any_value(expression) -%}{{ return(adapter.dispatch('any_value', 'dbt')(expression)) }}{%- endmacro %}
{% macro default__any_value(expression) -%}any_value({{ expression }}){%- endmacro %}
{#- any_value is PostgreSQL 16's; min is one of the values on every version -#}
{% macro postgres__any_value(expression) -%}min({{ expression }}){%- endmacro %}

{% macro bool_or(expression) -%}{{ return(adapter.dispatch('bool_or', 'dbt')(expression)) }}{%- endmacro %}
{% macro default__bool_or(expression) -%}bool_or({{ expression }}){%- endmacro %}

{% macro except() -%}{{ return(adapter.dispatch('except', 'dbt')()) }}{%- endmacro %}
{% macro default__except() -%}except{%- endmacro %}

{% macro intersect() -%}{{ return(adapter.dispatch('intersect', 'dbt')()) }}{%- endmacro %}
{% macro default__intersect() -%}intersect{%- endmacro %}

{# ---------------------------------------------------------------- arrays #}

{% macro array_construct(inputs=[], data_type='integer') -%}
{{ return(adapter.dispatch('array_construct', 'dbt')(inputs, data_type)) }}
{%- endmacro %}
{% macro default__array_construct(inputs, data_type) -%}
{#- an empty array has no element to take its type from: it is given one -#}
{%- if inputs | length > 0 -%}array[ {{ inputs | join(' , ') }} ]{%- else -%}array[]::{{ data_type }}[]{%- endif -%}
{%- endmacro %}

{% macro array_append(array, new_element) -%}
{{ return(adapter.dispatch('array_append', 'dbt')(array, new_element)) }}
{%- endmacro %}
{% macro default__array_append(array, new_element) -%}
array_append({{ array }}, {{ new_element }})
{%- endmacro %}

{% macro array_concat(array_1, array_2) -%}
{{ return(adapter.dispatch('array_concat', 'dbt')(array_1, array_2)) }}
{%- endmacro %}
{% macro default__array_concat(array_1, array_2) -%}
array_cat({{ array_1 }}, {{ array_2 }})
{%- endmacro %}
