package org.sqlwarehouse.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.graph.NameSuggester;

/**
 * Reads what property files declare besides config: sources, and the data tests attached to
 * models, seeds, snapshots, sources and their columns (under {@code tests:} or dbt 1.8's {@code data_tests:}).
 */
final class PropertyFiles {
    /** Keys that configure a test rather than being its arguments. */
    private static final Set<String> TEST_CONFIG_KEYS = Set.of("severity", "where", "enabled", "tags", "warn_if",
            "error_if", "limit", "store_failures", "meta", "alias", "schema", "database", "fail_calc");

    /** Top-level keys that are read: version is dbt's old marker, models, seeds, snapshots and sources are built, unit_tests run. */
    private static final Set<String> READ_KEYS = Set.of("version", "models", "seeds", "snapshots", "sources", "unit_tests");

    /** Top-level keys that change nothing the plugin builds: macro docs and groups. Ignored silently. */
    private static final Set<String> DOCUMENTATION_KEYS = Set.of("macros", "groups");

    /** dbt's other top-level keys, with what the plugin does not do with them yet. */
    private static final Map<String, String> NOT_RUN_KEYS = notRunKeys();

    private final Map<String, SourceTable> sources = new LinkedHashMap<>();
    private final List<GenericTestSpec> tests = new ArrayList<>();
    private final Map<String, NodeProperties> described = new LinkedHashMap<>();
    private final List<String> warnings;

    /** @param warnings receives a line for each top-level key of a file that is not read */
    PropertyFiles(List<String> warnings) {
        this.warnings = warnings;
    }

    private static Map<String, String> notRunKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("analyses", "analyses are not compiled yet");
        keys.put("exposures", "exposures are not read yet");
        keys.put("metrics", "metrics are not built yet");
        keys.put("semantic_models", "semantic models are not built yet");
        keys.put("saved_queries", "saved queries are not run yet");
        keys.put("data_tests", "properties of singular tests are not read yet");
        keys.put("tests", "properties of singular tests are not read yet");
        return keys;
    }

    Map<String, SourceTable> sources() {
        return sources;
    }

    List<GenericTestSpec> tests() {
        return tests;
    }

    /** Descriptions, columns and constraints of the entries read, by {@link ProjectDocs#key}. */
    Map<String, NodeProperties> described() {
        return described;
    }

    void read(Map<String, Object> doc, String file) throws WarehouseException {
        checkKeys(doc, file);
        for (Map<String, Object> model : entries(doc.get("models"), file, "models")) {
            attachTests(model, "model", String.valueOf(model.get("name")), file);
            describe("model", String.valueOf(model.get("name")), model, file);
        }
        for (Map<String, Object> seed : entries(doc.get("seeds"), file, "seeds")) {
            attachTests(seed, "seed", String.valueOf(seed.get("name")), file);
            describe("seed", String.valueOf(seed.get("name")), seed, file);
        }
        // their descriptions and columns; YamlSnapshots reads their relation and config
        if (doc.get("snapshots") instanceof List<?> snapshots) {
            for (Object snapshot : snapshots) {
                if (snapshot instanceof Map<?, ?> m && m.get("name") != null) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> entry = (Map<String, Object>) m;
                    describe("snapshot", String.valueOf(m.get("name")), entry, file);
                }
            }
        }
        for (Map<String, Object> snapshot : entries(doc.get("snapshots"), file, "snapshots")) {
            attachTests(snapshot, "snapshot", String.valueOf(snapshot.get("name")), file);
        }
        for (Map<String, Object> source : entries(doc.get("sources"), file, "sources")) {
            String sourceName = String.valueOf(source.get("name"));
            String schema = source.get("schema") == null ? sourceName : String.valueOf(source.get("schema"));
            String database = source.get("database") == null ? null : String.valueOf(source.get("database"));
            for (Map<String, Object> table : entries(source.get("tables"), file, "sources." + sourceName + ".tables")) {
                String tableName = String.valueOf(table.get("name"));
                String identifier = table.get("identifier") == null ? tableName : String.valueOf(table.get("identifier"));
                String eventTime = eventTime(table, eventTime(source, null));
                SourceTable st = new SourceTable(sourceName, tableName, schema, identifier, database, file, eventTime);
                if (sources.putIfAbsent(st.key(), st) != null) {
                    throw new WarehouseException(file + ": source table '" + st.key() + "' is declared twice.");
                }
                attachTests(table, "source", st.key(), file);
                describe("source", st.key(), table, file);
            }
        }
    }

    /** The event_time under an entry's config:, else the given one. */
    private static String eventTime(Map<String, Object> entry, String otherwise) {
        if (entry.get("config") instanceof Map<?, ?> config && config.get("event_time") != null) {
            return String.valueOf(config.get("event_time"));
        }
        return otherwise;
    }

    /** A warning for each top-level key that is not read: one not run yet, or an unknown one (a typo). */
    private void checkKeys(Map<String, Object> doc, String file) {
        for (String key : doc.keySet()) {
            if (READ_KEYS.contains(key) || DOCUMENTATION_KEYS.contains(key)) {
                continue;
            }
            String notRun = NOT_RUN_KEYS.get(key);
            if (notRun != null) {
                warnings.add(file + ": '" + key + ":' is left out: " + notRun);
                continue;
            }
            List<String> known = new ArrayList<>(READ_KEYS);
            known.addAll(DOCUMENTATION_KEYS);
            known.addAll(NOT_RUN_KEYS.keySet());
            warnings.add(file + ": unknown top-level key '" + key + ":' is ignored"
                    + NameSuggester.closest(key, known).map(k -> "; did you mean '" + k + ":'?").orElse(""));
        }
    }

    private void attachTests(Map<String, Object> entry, String kind, String name, String file)
            throws WarehouseException {
        for (Object test : testList(entry, file)) {
            tests.add(spec(test, kind, name, null, file));
        }
        for (Map<String, Object> column : entries(entry.get("columns"), file, name + ".columns")) {
            String columnName = String.valueOf(column.get("name"));
            for (Object test : testList(column, file)) {
                tests.add(spec(test, kind, name, columnName, file));
            }
        }
    }

    private void describe(String kind, String name, Map<String, Object> entry, String file) throws WarehouseException {
        List<ColumnProperties> columns = new ArrayList<>();
        for (Map<String, Object> column : entries(entry.get("columns"), file, name + ".columns")) {
            Object quote = column.get("quote");
            columns.add(new ColumnProperties(String.valueOf(column.get("name")), text(column.get("description")),
                    column.get("data_type") == null ? null : String.valueOf(column.get("data_type")),
                    constraints(column.get("constraints"), file, name + "." + column.get("name")),
                    quote == null ? null : Boolean.valueOf(String.valueOf(quote))));
        }
        NodeProperties properties = new NodeProperties(text(entry.get("description")), List.copyOf(columns),
                constraints(entry.get("constraints"), file, name));
        // a second entry for the same node (dbt refuses it) must not wipe a described first one
        if (!properties.equals(NodeProperties.NONE)) {
            described.putIfAbsent(ProjectDocs.key(kind, name), properties);
        }
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> constraints(Object value, String file, String of)
            throws WarehouseException {
        if (value == null) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m && m.get("type") != null) {
                    out.add(Map.copyOf(withoutNulls((Map<String, Object>) m)));
                    continue;
                }
                break;
            }
            if (out.size() == list.size()) {
                return List.copyOf(out);
            }
        }
        throw new WarehouseException(file + ": 'constraints:' of '" + of + "' must be a list of entries with a "
                + "type, e.g. - type: not_null.");
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static List<?> testList(Map<String, Object> entry, String file) throws WarehouseException {
        List<Object> out = new ArrayList<>();
        for (String key : new String[] {"tests", "data_tests"}) {
            Object v = entry.get(key);
            if (v == null) {
                continue;
            }
            if (!(v instanceof List<?> list)) {
                throw new WarehouseException(file + ": '" + key + ":' of '" + entry.get("name") + "' must be a list.");
            }
            out.addAll(list);
        }
        return out;
    }

    /**
     * `- unique`, `- accepted_values: {values: [...], config: {...}}`, dbt 1.10's `arguments:` form, a
     * custom name (`- unique: {name: my_name}`), or `- name: my_name` with `test_name: unique`.
     */
    @SuppressWarnings("unchecked")
    private static GenericTestSpec spec(Object test, String kind, String name, String column, String file)
            throws WarehouseException {
        if (test instanceof String testName) {
            return new GenericTestSpec(testName, kind, name, column, Map.of(), Map.of(), file);
        }
        if (test instanceof Map<?, ?> map && map.containsKey("test_name")) {
            Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) map);
            String testName = String.valueOf(body.remove("test_name"));
            return fromBody(testName, body, kind, name, column, file);
        }
        if (test instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> only = map.entrySet().iterator().next();
            Map<String, Object> body = only.getValue() instanceof Map<?, ?> b ? (Map<String, Object>) b : Map.of();
            return fromBody(String.valueOf(only.getKey()), body, kind, name, column, file);
        }
        throw new WarehouseException(file + ": a test of '" + name + "' must be a name, e.g. - unique, or one "
                + "name with its arguments, e.g. - accepted_values: {values: [a, b]}; found " + test + ".");
    }

    @SuppressWarnings("unchecked")
    private static GenericTestSpec fromBody(String testName, Map<String, Object> body, String kind, String name,
            String column, String file) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        Map<String, Object> config = new LinkedHashMap<>();
        String customName = null;
        for (Map.Entry<String, Object> e : body.entrySet()) {
            if (e.getKey().equals("config") && e.getValue() instanceof Map<?, ?> c) {
                config.putAll((Map<String, Object>) c);
            } else if (e.getKey().equals("arguments") && e.getValue() instanceof Map<?, ?> a) {
                arguments.putAll((Map<String, Object>) a);
            } else if (e.getKey().equals("name")) {
                customName = String.valueOf(e.getValue());
            } else if (TEST_CONFIG_KEYS.contains(e.getKey())) {
                config.put(e.getKey(), e.getValue());
            } else if (!e.getKey().equals("description")) {
                arguments.put(e.getKey(), e.getValue());
            }
        }
        return new GenericTestSpec(testName, kind, name, column, arguments, config, file, customName);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Object value, String file, String what) throws WarehouseException {
        List<Map<String, Object>> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof List<?> list)) {
            throw new WarehouseException(file + ": '" + what + "' must be a list of entries with a name.");
        }
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m) || m.get("name") == null) {
                throw new WarehouseException(file + ": every entry of '" + what + "' needs a name.");
            }
            out.add((Map<String, Object>) m);
        }
        return out;
    }
}
