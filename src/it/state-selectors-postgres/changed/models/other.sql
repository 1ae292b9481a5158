select '{{ target.schema }}' as built_in
