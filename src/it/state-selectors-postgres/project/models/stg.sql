select id, ver from {{ ref('base') }}{% if target.name == 'prod' %} where id > 0{% endif %}
