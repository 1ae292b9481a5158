select '{{ target.name }}' as built_for
