package org.sqlwarehouse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * Validates the plugin's artifacts against dbt's published JSON schemas, the copies in
 * {@code ../shared/dbt-schemas/} beside the project, for unit tests and the integration tests'
 * verify.groovy scripts. Where that folder is absent the check is skipped, unless
 * {@code WAREHOUSE_SCHEMAS_REQUIRED=true} says it must run (then it fails).
 */
public final class DbtSchemas {
    /** manifest.json's schema. */
    public static final String MANIFEST = "manifest-v12.json";
    /** run_results.json's schema. */
    public static final String RUN_RESULTS = "run-results-v6.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Parsed once per JVM: the manifest's schema is close to a megabyte. */
    private static final Map<Path, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private DbtSchemas() {
    }

    /** True where CI has said the schemas must be there: tests then fail instead of skipping. */
    public static boolean required() {
        return Boolean.parseBoolean(System.getenv("WAREHOUSE_SCHEMAS_REQUIRED"));
    }

    /**
     * The folder of dbt's schemas: {@code WAREHOUSE_DBT_SCHEMAS} if set, else
     * {@code ../shared/dbt-schemas} from the project root (the working directory of Maven and its
     * tests); in a git worktree, also the one beside the main checkout, which is where the root's
     * {@code ../shared} is for everyone else.
     */
    public static Optional<Path> directory() {
        String explicit = System.getenv("WAREHOUSE_DBT_SCHEMAS");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit));
        }
        Path root = Path.of("").toAbsolutePath();
        Path beside = root.resolveSibling("shared").resolve("dbt-schemas");
        if (Files.isDirectory(beside)) {
            return Optional.of(beside);
        }
        return mainCheckout(root).map(main -> main.resolveSibling("shared").resolve("dbt-schemas"))
                .filter(Files::isDirectory);
    }

    /** The main working tree of a git worktree: its .git file names .../.git/worktrees/name. */
    private static Optional<Path> mainCheckout(Path root) {
        Path dotGit = root.resolve(".git");
        if (!Files.isRegularFile(dotGit)) {
            return Optional.empty();
        }
        try {
            String line = Files.readString(dotGit).strip();
            if (!line.startsWith("gitdir:")) {
                return Optional.empty();
            }
            Path gitDir = root.resolve(line.substring("gitdir:".length()).strip()).normalize();
            // <main>/.git/worktrees/<name>
            Path common = gitDir.getParent() == null ? null : gitDir.getParent().getParent();
            return common == null || common.getParent() == null ? Optional.empty()
                    : Optional.of(common.getParent());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the schemas can be checked here; fails where they are required but absent. */
    public static boolean available() {
        boolean present = directory().filter(d -> Files.isRegularFile(d.resolve(MANIFEST))).isPresent();
        if (!present && required()) {
            throw new IllegalStateException("WAREHOUSE_SCHEMAS_REQUIRED=true but dbt's schemas are not at "
                    + Path.of("").toAbsolutePath().resolveSibling("shared").resolve("dbt-schemas")
                    + " (set WAREHOUSE_DBT_SCHEMAS to their folder)");
        }
        return present;
    }

    /** Skips the calling JUnit test, saying why, where the schemas are absent and not required. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(available(), "dbt's JSON schemas are not at ../shared/dbt-schemas "
                + "(nor WAREHOUSE_DBT_SCHEMAS): artifact validation skipped");
    }

    /** Every violation of the schema by the artifact, one line each ("$.path: message"); empty when valid. */
    public static List<String> violations(File artifact, String schemaFile) {
        return violations(artifact.toPath(), schemaFile);
    }

    /** As above. */
    public static List<String> violations(Path artifact, String schemaFile) {
        Path schemaPath = directory().orElseThrow(() -> new IllegalStateException("dbt's schemas not found"))
                .resolve(schemaFile);
        JsonSchema schema = SCHEMAS.computeIfAbsent(schemaPath, DbtSchemas::load);
        try {
            JsonNode document = JSON.readTree(artifact.toFile());
            List<String> out = new ArrayList<>();
            for (ValidationMessage m : schema.validate(document)) {
                out.add(m.getMessage());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + artifact, e);
        }
    }

    private static JsonSchema load(Path schemaPath) {
        try {
            // from the parsed file, so that the schema's $id is never fetched from the network
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(JSON.readTree(schemaPath.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + schemaPath, e);
        }
    }
}
