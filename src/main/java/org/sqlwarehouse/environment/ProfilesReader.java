package org.sqlwarehouse.environment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.AdapterFieldType;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.Dialects;
import org.sqlwarehouse.environment.ProfileTemplates.Site;
import org.sqlwarehouse.environment.ProfilesYaml.Entry;
import org.sqlwarehouse.environment.ProfilesYaml.ListNode;
import org.sqlwarehouse.environment.ProfilesYaml.MapNode;
import org.sqlwarehouse.environment.ProfilesYaml.Node;
import org.sqlwarehouse.environment.ProfilesYaml.Scalar;

/**
 * Reads one profile of a dbt profiles.yml into target definitions.
 *
 * <p>Top-level keys are profile names (a top-level {@code config:} is dbt's and ignored); a profile
 * has {@code target:} (the default output) and {@code outputs:}. String values are rendered as Jinja
 * after the YAML is parsed, so {@code {{ env_var('X', 'default') }}} works anywhere and a secret with
 * YAML-special characters stays intact. As in dbt, {@link #read} renders only {@code target:}; an
 * output is rendered and checked when it is asked for ({@link ProfileTargets#target(String)}), so an
 * output that is not used may need environment variables that are not set. The structure (the YAML,
 * the profile, its outputs, each a mapping, and the output {@code target:} names) is checked at once.
 * Known fields go to {@link TargetDefinition};
 * the fields only the output's database adapter has (dbt-postgres's sslmode, search_path...) are
 * checked here and become JDBC driver properties through its dialect; any other field goes to the
 * properties unchanged (lists and mappings as JSON) for the dialect to use.
 *
 * <p>Every error names the file and, where there is one, the line. No message quotes a password.
 */
public final class ProfilesReader {
    /** The top-level key that holds dbt's global settings rather than a profile. */
    public static final String CONFIG_KEY = "config";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SECRET_KEY = Pattern.compile(
            "pass|secret|token|private_?key|credential|api_?key|auth", Pattern.CASE_INSENSITIVE);
    private static final String TYPE_HINT = "Add e.g. 'type: postgres' or 'type: duckdb' to the output.";

    private ProfilesReader() {
    }

    /**
     * Reads profile {@code profileName} from {@code file}: checks its structure and renders its
     * {@code target:}; each output is rendered when {@link ProfileTargets#target(String)} asks for it.
     *
     * @param environment the environment that env_var() reads (copied: later changes to it are not seen)
     */
    public static ProfileTargets read(Path file, String profileName, Map<String, String> environment)
            throws WarehouseException {
        return read(file, profileName, environment, new ArrayList<>());
    }

    /**
     * As {@link #read(Path, String, Map)}, and collects what the file says that is likely a mistake.
     *
     * @param warnings receives e.g. a repeated key, naming file and line
     */
    public static ProfileTargets read(Path file, String profileName, Map<String, String> environment,
            List<String> warnings) throws WarehouseException {
        if (profileName == null || profileName.isBlank()) {
            throw new WarehouseException("No profile name to read from " + file + ".",
                    "Set 'profile:' in dbt_project.yml, or -Dwarehouse.profile=<name>.");
        }
        Node root = ProfilesYaml.parse(readText(file), file, warnings);
        Map<String, String> copy = environment == null ? Map.of()
                : Collections.unmodifiableMap(new HashMap<>(environment));
        return new Reader(file, profileName, copy).read(root);
    }

    /** The start of a message about a place in a file: "file line N: ", or "file: " without a line. */
    static String at(Path file, int line) {
        return line > 0 ? file + " line " + line + ": " : file + ": ";
    }

    private static String readText(Path file) throws WarehouseException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new WarehouseException("The profiles file " + file + " does not exist.",
                    "Create it, or point warehouse.profilesDir or DBT_PROFILES_DIR at the directory that has it.");
        } catch (CharacterCodingException e) {
            throw new WarehouseException(at(file, 0) + "not valid UTF-8 text.", "Save the file as UTF-8.");
        } catch (IOException e) {
            throw new WarehouseException("Cannot read " + file + ": " + e.getClass().getSimpleName() + ".");
        }
    }

    /** True for a field whose value must never be quoted in a message. */
    static boolean isSecret(String key) {
        return SECRET_KEY.matcher(key).find();
    }

    /** One read of one profile. */
    private static final class Reader {
        private final Path file;
        private final String profile;
        private final Map<String, String> environment;

        Reader(Path file, String profile, Map<String, String> environment) {
            this.file = file;
            this.profile = profile;
            this.environment = environment;
        }

        ProfileTargets read(Node root) throws WarehouseException {
            if (root != null && !(root instanceof MapNode)) {
                throw new WarehouseException(at(file, root.line())
                        + "the top level must be a mapping from profile names to profiles.",
                        "Start the file with the profile name, e.g. '" + profile + ":' followed by indented"
                                + " 'target:' and 'outputs:'.");
            }
            MapNode profiles = (MapNode) root;
            Entry entry = profiles == null || CONFIG_KEY.equals(profile) ? null : profiles.get(profile);
            if (entry == null) {
                List<String> names = new ArrayList<>();
                if (profiles != null) {
                    profiles.entries().keySet().stream().filter(k -> !CONFIG_KEY.equals(k)).forEach(names::add);
                }
                throw new WarehouseException(at(file, 0) + "there is no profile '" + profile + "'. Profiles in the file: "
                        + (names.isEmpty() ? "none" : String.join(", ", names)) + ".",
                        "Set 'profile:' in dbt_project.yml (or -Dwarehouse.profile) to one of them, or add a profile '"
                                + profile + "' to " + file + "."
                                + (CONFIG_KEY.equals(profile) ? " 'config' is reserved for dbt's settings." : ""));
            }
            if (!(entry.value() instanceof MapNode body)) {
                throw new WarehouseException(at(file, entry.keyLine()) + "profile '" + profile
                        + "' is not a mapping.", "Indent 'target:' and 'outputs:' under '" + profile + ":'.");
            }
            Entry outputs = body.get("outputs");
            if (outputs == null) {
                throw new WarehouseException(at(file, entry.keyLine()) + "profile '" + profile + "' has no outputs.",
                        "Add 'outputs:' with at least one output under '" + profile
                                + ":', e.g. 'dev:' with 'type: duckdb' and 'path: dev.duckdb'.");
            }
            if (!(outputs.value() instanceof MapNode outputMap) || outputMap.entries().isEmpty()) {
                throw new WarehouseException(at(file, outputs.keyLine()) + "profile '" + profile
                        + "' has no outputs: 'outputs:' must be a mapping from output names to their fields.",
                        "Indent at least one output under 'outputs:', e.g. 'dev:' with 'type: duckdb'"
                                + " and 'path: dev.duckdb'.");
            }
            for (Entry output : outputMap.entries().values()) {
                if (!(output.value() instanceof MapNode)) {
                    throw notAMapping(output);
                }
            }
            String defaultTarget = defaultTarget(body.get("target"), outputMap);
            // like dbt, render an output only when it is used
            return new ProfileTargets(file, profile, defaultTarget, List.copyOf(outputMap.entries().keySet()),
                    name -> output(outputMap.get(name)));
        }

        private WarehouseException notAMapping(Entry output) {
            return new WarehouseException(at(file, output.keyLine()) + where(output.key())
                    + " is not a mapping of connection fields.",
                    "Indent its fields under '" + output.key() + ":', e.g. 'type: postgres', 'host: ...'.");
        }

        private String where(String output) {
            return "output '" + output + "' of profile '" + profile + "'";
        }

        private String defaultTarget(Entry target, MapNode outputs) throws WarehouseException {
            if (target == null) {
                return null;
            }
            if (!(target.value() instanceof Scalar)) {
                throw new WarehouseException(at(file, target.value().line()) + "'target' of profile '" + profile
                        + "' must be the name of an output, not a list or mapping.",
                        "Write e.g. 'target: dev'.");
            }
            String name = text(target, "'target' of profile '" + profile + "'", false);
            if (name == null || name.isBlank()) {
                return null;
            }
            name = name.strip();
            if (outputs.get(name) == null) {
                throw new WarehouseException(at(file, target.value().line()) + "profile '" + profile + "' has target '"
                        + name + "', but no output of that name. Outputs: "
                        + String.join(", ", outputs.entries().keySet()) + ".",
                        "Set 'target:' to one of the outputs, or add an output '" + name + "' under 'outputs:'.");
            }
            return name;
        }

        /** Renders and checks one output. */
        private TargetDefinition output(Entry output) throws WarehouseException {
            String name = output.key();
            String where = where(name);
            if (!(output.value() instanceof MapNode fields)) {
                throw notAMapping(output);
            }
            Entry typeEntry = fields.get("type");
            if (typeEntry == null) {
                throw new WarehouseException(at(file, output.keyLine()) + where + " has no 'type'.", TYPE_HINT);
            }
            String type = text(typeEntry, "'type' of " + where, false);
            if (type == null || type.isBlank()) {
                throw new WarehouseException(at(file, typeEntry.value().line()) + where + " has an empty 'type'.",
                        TYPE_HINT);
            }
            type = type.strip();
            // the fields only this database's dbt adapter has (dbt-postgres's sslmode...): its dialect's
            Map<String, AdapterFieldType> adapterFields = Dialects.find(type).map(Dialect::adapterFields)
                    .orElse(Map.of());
            Map<String, String> adapterValues = new LinkedHashMap<>();

            TargetDefinition.Builder builder = TargetDefinition.builder(name).type(type).origin(file.toString());
            Map<String, String> properties = new LinkedHashMap<>();
            Map<String, Entry> seen = new HashMap<>();
            for (Entry e : fields.entries().values()) {
                String key = e.key();
                String what = "'" + key + "' of " + where;
                switch (key) {
                    case "type" -> {
                    }
                    case "host" -> builder.host(text(e, what));
                    case "port" -> builder.port(integer(e, what, 1, 65535, "port: 5432"));
                    case "user", "username" -> builder.user(text(once(seen, "user", e, where), what));
                    case "password", "pass" -> builder.password(text(once(seen, "password", e, where), what));
                    case "dbname", "database" -> builder.database(text(once(seen, "database", e, where), what));
                    case "schema" -> builder.schema(text(e, what));
                    case "threads" -> builder.threads(integer(e, what, 1, Integer.MAX_VALUE, "threads: 4"));
                    case "path" -> builder.path(text(e, what));
                    case "url" -> builder.url(text(e, what));
                    case "protected" -> builder.protectedFlag(bool(e, what));
                    case "server_id", "serverId" -> builder.serverId(text(once(seen, "serverId", e, where), what));
                    default -> {
                        if (adapterFields.containsKey(key)) {
                            String value = adapterFields.get(key) == AdapterFieldType.COUNT
                                    ? toText(integer(e, what, 0, Integer.MAX_VALUE, key + ": 10"))
                                    : text(e, what);
                            if (value != null) {
                                adapterValues.put(key, value);
                            }
                        } else {
                            String value = property(e, what);
                            if (value != null) {
                                properties.put(key, value);
                            }
                        }
                    }
                }
            }
            Dialects.find(type).ifPresent(dialect -> dialect.addAdapterProperties(adapterValues, properties));
            return builder.properties(properties).build();
        }

        /** Rejects an output that gives one field under two names, e.g. both 'pass' and 'password'. */
        private Entry once(Map<String, Entry> seen, String field, Entry e, String where) throws WarehouseException {
            Entry before = seen.putIfAbsent(field, e);
            if (before != null) {
                throw new WarehouseException(at(file, e.keyLine()) + where + " gives '" + before.key() + "' (line "
                        + before.keyLine() + ") and '" + e.key() + "', two names for the same field.",
                        "Keep one of them.");
            }
            return e;
        }

        /** A scalar field as text, rendered; null when empty. */
        private String text(Entry e, String what) throws WarehouseException {
            return text(e, what, isSecret(e.key()));
        }

        private String text(Entry e, String what, boolean secret) throws WarehouseException {
            if (!(e.value() instanceof Scalar scalar)) {
                throw new WarehouseException(at(file, e.value().line()) + what
                        + " must be a single value, not a list or mapping.",
                        "Write it on one line, e.g. '" + e.key() + ": value'.");
            }
            return scalar(scalar, what, secret);
        }

        private String scalar(Scalar scalar, String what, boolean secret) throws WarehouseException {
            if (scalar.isNull()) {
                return null;
            }
            if (!scalar.isString()) {
                return scalar.text();
            }
            if (!ProfileTemplates.isTemplate(scalar.text())) {
                return scalar.text();
            }
            // like dbt's none, a template that renders to nothing leaves the field unset
            String rendered = ProfileTemplates.render(scalar.text(), environment,
                    new Site(file, scalar.line(), what, secret));
            return rendered.isBlank() ? null : rendered;
        }

        private Integer integer(Entry e, String what, int min, int max, String example) throws WarehouseException {
            String text = text(e, what, false);
            if (text == null) {
                return null;
            }
            Scalar scalar = (Scalar) e.value();
            String digits = scalar.kind() == JsonToken.VALUE_NUMBER_INT ? String.valueOf(scalar.number())
                    : text.strip();
            BigInteger value;
            try {
                value = new BigInteger(digits.startsWith("+") ? digits.substring(1) : digits);
            } catch (NumberFormatException notInteger) {
                throw new WarehouseException(at(file, scalar.line()) + what + " must be a whole number, got '" + text
                        + "'.", "Write e.g. '" + example + "', or '" + e.key() + ": \"{{ env_var('"
                        + e.key().toUpperCase(Locale.ROOT) + "') | int }}\"'.");
            }
            if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
                throw new WarehouseException(at(file, scalar.line()) + what + " must be "
                        + (max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max)
                        + ", got " + value + ".", "Write e.g. '" + example + "'.");
            }
            return value.intValue();
        }

        private Boolean bool(Entry e, String what) throws WarehouseException {
            String text = text(e, what, false);
            if (text == null) {
                return null;
            }
            Scalar scalar = (Scalar) e.value();
            if (scalar.kind() == JsonToken.VALUE_TRUE) {
                return Boolean.TRUE;
            }
            if (scalar.kind() == JsonToken.VALUE_FALSE) {
                return Boolean.FALSE;
            }
            switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> {
                    return Boolean.TRUE;
                }
                case "false", "no", "off" -> {
                    return Boolean.FALSE;
                }
                default -> throw new WarehouseException(at(file, scalar.line()) + what + " must be true or false, got '"
                        + text + "'.", "Write '" + e.key() + ": true' or '" + e.key() + ": false'.");
            }
        }

        /** Any other field: a scalar as its rendered text, a list or mapping as JSON; null when empty. */
        private String property(Entry e, String what) throws WarehouseException {
            boolean secret = isSecret(e.key());
            if (e.value() instanceof Scalar scalar) {
                return scalar(scalar, what, secret);
            }
            Object plain = plain(e.value(), what, secret);
            try {
                return JSON.writeValueAsString(plain);
            } catch (JsonProcessingException ex) {
                throw new WarehouseException(at(file, e.value().line()) + "cannot store " + what + ".");
            }
        }

        /** The value as plain Java lists, maps, strings, numbers and booleans, strings rendered. */
        private Object plain(Node node, String what, boolean secret) throws WarehouseException {
            if (node instanceof MapNode map) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Entry e : map.entries().values()) {
                    out.put(e.key(), plain(e.value(), what, secret || isSecret(e.key())));
                }
                return out;
            }
            if (node instanceof ListNode list) {
                List<Object> out = new ArrayList<>();
                for (Node item : list.items()) {
                    out.add(plain(item, what, secret));
                }
                return out;
            }
            Scalar scalar = (Scalar) node;
            return switch (scalar.kind()) {
                case VALUE_NULL -> null;
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> scalar.number() != null ? scalar.number() : scalar.text();
                default -> scalar(scalar, what, secret);
            };
        }
    }

    private static String toText(Integer value) {
        return value == null ? null : value.toString();
    }
}
