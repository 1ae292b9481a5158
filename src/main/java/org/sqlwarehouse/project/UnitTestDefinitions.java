package org.sqlwarehouse.project;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.seed.CsvReader;
import org.sqlwarehouse.seed.CsvTable;
import org.sqlwarehouse.seed.SeedFormatException;

/**
 * Reads the {@code unit_tests:} of property files as dbt 1.8 does: {@code given} inputs
 * ({@code ref()}, {@code source()} or {@code this}) with rows as dict, csv or sql, inline or from a
 * fixture file under a test path's {@code fixtures/}; {@code expect} rows; {@code overrides} of
 * macros, vars and env vars; {@code config}.
 */
final class UnitTestDefinitions {
    private static final Pattern REF = Pattern.compile(
            "ref\\(\\s*(['\"])([^'\"]+)\\1\\s*(?:,\\s*(['\"])([^'\"]+)\\3\\s*)?(?:,[^)]*)?\\)");
    private static final Pattern SOURCE = Pattern.compile(
            "source\\(\\s*(['\"])([^'\"]+)\\1\\s*,\\s*(['\"])([^'\"]+)\\3\\s*\\)");

    private final Path projectDirectory;
    private final List<String> testPaths;
    private final List<UnitTestSpec> specs = new ArrayList<>();
    /** Where each model's unit test was defined, by model.name: dbt's names are unique per model. */
    private final Map<String, String> definedIn = new LinkedHashMap<>();

    UnitTestDefinitions(Path projectDirectory, List<String> testPaths) {
        this.projectDirectory = projectDirectory;
        this.testPaths = testPaths;
    }

    List<UnitTestSpec> specs() {
        return specs;
    }

    /** Reads the unit_tests: of one property file. */
    void read(Object unitTests, String file) throws WarehouseException {
        if (unitTests == null) {
            return;
        }
        if (!(unitTests instanceof List<?> list)) {
            throw new WarehouseException(file + ": 'unit_tests:' must be a list of unit tests, each with a name.");
        }
        for (Object entry : list) {
            if (!(entry instanceof Map<?, ?> map) || map.get("name") == null) {
                throw new WarehouseException(file + ": every entry of 'unit_tests:' needs a name.");
            }
            UnitTestSpec spec = spec(map, file);
            String before = definedIn.putIfAbsent(spec.model() + "." + spec.name(), file);
            if (before != null) {
                throw new WarehouseException(file + ": unit test '" + spec.name() + "' of model '" + spec.model()
                        + "' is also defined in " + before + ".", "Give one of them another name.");
            }
            specs.add(spec);
        }
    }

    private UnitTestSpec spec(Map<?, ?> map, String file) throws WarehouseException {
        String name = String.valueOf(map.get("name"));
        String where = file + ": unit test '" + name + "'";
        Object model = map.get("model");
        if (model == null || String.valueOf(model).isBlank()) {
            throw new WarehouseException(where + " names no model.", "Add model: <the model it tests>.");
        }
        List<UnitTestInput> given = new ArrayList<>();
        Object givenValue = map.get("given");
        if (givenValue != null && !(givenValue instanceof List<?>)) {
            throw new WarehouseException(where + ": 'given:' must be a list of inputs, e.g. - input: ref('orders').");
        }
        for (Object input : givenValue == null ? List.of() : (List<?>) givenValue) {
            if (!(input instanceof Map<?, ?> in) || in.get("input") == null) {
                throw new WarehouseException(where + ": every entry of 'given:' needs an input, e.g. input: ref('orders').");
            }
            given.add(input(in, where));
        }
        if (!(map.get("expect") instanceof Map<?, ?> expect)) {
            throw new WarehouseException(where + " has no 'expect:' rows.", "Add expect: {rows: [...]}, the rows the model must return.");
        }
        UnitTestRows expected = rows(expect, where + ", expect");
        String description = map.get("description") == null ? "" : String.valueOf(map.get("description"));
        return new UnitTestSpec(name, String.valueOf(model), description, List.copyOf(given), expected,
                overrides(map.get("overrides"), where), mapOf(map.get("config")), file);
    }

    private UnitTestInput input(Map<?, ?> in, String where) throws WarehouseException {
        String text = String.valueOf(in.get("input")).strip();
        UnitTestRows rows = rows(in, where + ", input " + text);
        if (text.equals("this")) {
            return new UnitTestInput(text, UnitTestInput.Kind.THIS, "this", rows);
        }
        Matcher ref = REF.matcher(text);
        if (ref.matches()) {
            String refName = ref.group(4) != null ? ref.group(4) : ref.group(2);
            return new UnitTestInput(text, UnitTestInput.Kind.REF, refName, rows);
        }
        Matcher source = SOURCE.matcher(text);
        if (source.matches()) {
            return new UnitTestInput(text, UnitTestInput.Kind.SOURCE, source.group(2) + "." + source.group(4), rows);
        }
        throw new WarehouseException(where + ": input '" + text + "' is not a ref(), a source() or this.",
                "Write it as dbt does, e.g. input: ref('stg_orders') or input: source('shop', 'orders').");
    }

    private UnitTestRows rows(Map<?, ?> entry, String where) throws WarehouseException {
        String formatName = entry.get("format") == null ? "dict" : String.valueOf(entry.get("format"));
        UnitTestRows.Format format;
        try {
            format = UnitTestRows.Format.valueOf(formatName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new WarehouseException(where + ": format '" + formatName + "' is not one of dict, csv, sql.");
        }
        Object rows = entry.get("rows");
        Object fixture = entry.get("fixture");
        if (fixture != null) {
            if (rows != null) {
                throw new WarehouseException(where + " has both rows and a fixture.", "Keep one of them.");
            }
            if (format == UnitTestRows.Format.DICT) {
                throw new WarehouseException(where + ": a fixture file needs format: csv or format: sql.");
            }
            rows = fixtureText(String.valueOf(fixture), format, where);
        }
        switch (format) {
            case SQL:
                if (!(rows instanceof String sql) || sql.isBlank()) {
                    throw new WarehouseException(where + ": format sql needs rows: as a query (or a fixture file).");
                }
                return UnitTestRows.ofSql(sql);
            case CSV:
                if (rows == null) {
                    return UnitTestRows.ofMaps(format, List.of());
                }
                if (!(rows instanceof String csv)) {
                    throw new WarehouseException(where + ": format csv needs rows: as CSV text, e.g. rows: |\n  id,name\n  1,a");
                }
                return UnitTestRows.ofMaps(format, csvRows(csv, where));
            default:
                if (rows == null) {
                    return UnitTestRows.ofMaps(format, List.of());
                }
                if (!(rows instanceof List<?> list)) {
                    throw new WarehouseException(where + ": rows must be a list of rows, e.g. - {id: 1, name: a}.");
                }
                List<Map<String, Object>> out = new ArrayList<>();
                for (Object row : list) {
                    if (!(row instanceof Map<?, ?> m)) {
                        throw new WarehouseException(where + ": the row " + row + " is not a map of column to value.");
                    }
                    out.add(stringKeys(m));
                }
                return UnitTestRows.ofMaps(format, out);
        }
    }

    /** CSV rows as dbt reads them: every cell a string, an empty cell null (dbt 1.8). */
    private static List<Map<String, Object>> csvRows(String csv, String where) throws WarehouseException {
        CsvTable table;
        try {
            table = CsvReader.parse(new StringReader(csv.strip() + "\n"), "rows", where);
        } catch (IOException | SeedFormatException e) {
            throw new WarehouseException(where + ": the CSV rows cannot be read: " + e.getMessage());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (String[] row : table.rows()) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < table.header().size(); i++) {
                String cell = i < row.length ? row[i] : null;
                values.put(table.header().get(i).strip(), cell == null || cell.isEmpty() ? null : cell);
            }
            out.add(values);
        }
        return out;
    }

    /** A fixture file: tests/fixtures/&lt;name&gt;.csv or .sql, under any test path, in any folder below. */
    private String fixtureText(String fixture, UnitTestRows.Format format, String where) throws WarehouseException {
        String fileName = fixture + "." + format.id();
        for (String testPath : testPaths) {
            Path fixtures = projectDirectory.resolve(testPath).resolve("fixtures");
            Optional<Path> found = find(fixtures, fileName);
            if (found.isPresent()) {
                return TextFiles.readUtf8(found.get(), projectDirectory.relativize(found.get()).toString());
            }
        }
        throw new WarehouseException(where + ": fixture file " + fileName + " not found under "
                + String.join(", ", testPaths.stream().map(p -> p + "/fixtures/").toList()) + ".",
                "Create it there, or give the rows inline.");
    }

    private static Optional<Path> find(Path folder, String fileName) throws WarehouseException {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.getFileName().toString().equals(fileName)).sorted().findFirst();
        } catch (IOException e) {
            throw new WarehouseException("Cannot read " + folder + ": " + e.getMessage());
        }
    }

    private static UnitTestSpec.Overrides overrides(Object value, String where) throws WarehouseException {
        if (value == null) {
            return UnitTestSpec.Overrides.NONE;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new WarehouseException(where + ": 'overrides:' must be a map with macros, vars or env_vars.");
        }
        Map<String, String> env = new LinkedHashMap<>();
        mapOf(map.get("env_vars")).forEach((k, v) -> env.put(k, v == null ? "" : String.valueOf(v)));
        return new UnitTestSpec.Overrides(mapOf(map.get("macros")), mapOf(map.get("vars")), env);
    }

    private static Map<String, Object> mapOf(Object value) {
        return value instanceof Map<?, ?> m ? stringKeys(m) : Map.of();
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
