select total, n, total / n as average from {{ ref('totals') }}
