package org.sqlwarehouse.jinja;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Renders every template of the corpus ({@code src/test/resources/jinja2-corpus/*.yaml}) with
 * Python's Jinja2 (one python3 process for the whole corpus) and with our engine, and requires the
 * same text, or an error from both. Skipped, saying why, when python3 with jinja2 is missing, unless
 * WAREHOUSE_JINJA2_REQUIRED=true (CI), where that is a failure.
 *
 * <p>A corpus file holds {@code cases:} (each a template string, or a map with {@code t:} and
 * optionally {@code ctx:} and {@code files:}), and optionally a {@code context:} and {@code files:}
 * shared by its cases.
 */
class Jinja2DifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One template with its context and the files include and import may read. */
    record Case(String id, String template, Map<String, Object> context, Map<String, String> files) {
    }

    /** What Jinja2 made of a case: output, or the error it raised. */
    record Expected(String output, String error) {
    }

    private static List<Case> cases;
    private static Map<String, Expected> expected;
    /** Why Jinja2 cannot be run here, or null. */
    private static String missing;

    @BeforeAll
    static void renderWithJinja2() throws Exception {
        cases = loadCorpus();
        String python = System.getenv().getOrDefault("WAREHOUSE_PYTHON", "python3");
        boolean required = "true".equalsIgnoreCase(System.getenv("WAREHOUSE_JINJA2_REQUIRED"));
        missing = jinja2Missing(python);
        if (missing != null) {
            if (required) {
                fail("WAREHOUSE_JINJA2_REQUIRED=true but " + missing);
            }
            return;
        }
        expected = runPython(python, cases);
    }

    private static String jinja2Missing(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import jinja2").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return python + " cannot import jinja2";
            }
            return null;
        } catch (IOException e) {
            return python + " cannot be run (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @SuppressWarnings("unchecked")
    static List<Case> loadCorpus() throws IOException, URISyntaxException {
        URL dir = Jinja2DifferentialTest.class.getResource("/jinja2-corpus");
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(dir.toURI()))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        List<Case> out = new ArrayList<>();
        for (Path file : files) {
            // read as Python's yaml reads it (YAML 1.1 scalars), so both sides see the same context
            org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
            options.setNestingDepthLimit(10_000); // the corpus nests deeply on purpose
            options.setCodePointLimit(64 * 1024 * 1024);
            Map<String, Object> doc = new org.yaml.snakeyaml.Yaml(options).load(Files.readString(file));
            Map<String, Object> shared = (Map<String, Object>) doc.getOrDefault("context", Map.of());
            Map<String, String> sharedFiles = (Map<String, String>) doc.getOrDefault("files", Map.of());
            List<Object> list = (List<Object>) doc.get("cases");
            String base = file.getFileName().toString().replace(".yaml", "");
            for (int i = 0; i < list.size(); i++) {
                Object c = list.get(i);
                Map<String, Object> context = new LinkedHashMap<>(shared);
                Map<String, String> templates = new LinkedHashMap<>(sharedFiles);
                String template;
                if (c instanceof Map<?, ?> m) {
                    template = String.valueOf(m.get("t"));
                    if (m.get("ctx") != null) {
                        context.putAll((Map<String, Object>) m.get("ctx"));
                    }
                    if (m.get("files") != null) {
                        templates.putAll((Map<String, String>) m.get("files"));
                    }
                } else {
                    template = String.valueOf(c);
                }
                out.add(new Case(base + "#" + (i + 1), template, context, templates));
            }
        }
        return out;
    }

    private static Map<String, Expected> runPython(String python, List<Case> all) throws Exception {
        Path script = Path.of(Jinja2DifferentialTest.class.getResource("/jinja2-render.py").toURI());
        Process p = new ProcessBuilder(python, script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Thread writer = new Thread(() -> {
            try (OutputStream in = p.getOutputStream()) {
                JSON.writeValue(in, all);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        byte[] result;
        try (InputStream stdout = p.getInputStream()) {
            result = stdout.readAllBytes();
        }
        writer.join();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            fail("jinja2-render.py failed: " + new String(result, StandardCharsets.UTF_8));
        }
        Map<String, Expected> out = new LinkedHashMap<>();
        List<Map<String, Object>> results = JSON.readValue(result, List.class);
        for (Map<String, Object> r : results) {
            out.put((String) r.get("id"), new Expected((String) r.get("output"), (String) r.get("error")));
        }
        return out;
    }

    /** Our engine's result for a case, as Jinja2's would be written. */
    static Expected renderOurs(Case c) {
        Environment env = new Environment().loader(c.files()::get);
        try {
            return new Expected(env.render("<template>", c.template(), new LinkedHashMap<>(c.context())), null);
        } catch (TemplateException e) {
            return new Expected(null, e.kind() + ": " + e.getMessage());
        }
    }

    /** Shows as skipped, with the reason, where the suite cannot run (a skipped factory shows nowhere). */
    @Test
    void jinja2RendersTheCorpus() {
        assumeJinja2();
        assertThat(expected).hasSameSizeAs(cases);
    }

    private static void assumeJinja2() {
        Assumptions.assumeTrue(missing == null, () -> "Skipping the Jinja2 differential suite: " + missing
                + " (install python3 with jinja2 3.1, or set WAREHOUSE_PYTHON to one that has it)");
    }

    @TestFactory
    Stream<DynamicTest> everyTemplateRendersAsJinja2RendersIt() {
        assumeJinja2();
        assertThat(cases).hasSizeGreaterThan(500);
        int[] passed = {0};
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases) {
            tests.add(DynamicTest.dynamicTest(c.id() + ": " + abbreviate(c.template()), () -> {
                Expected want = expected.get(c.id());
                Expected got = renderOurs(c);
                if (want.error() != null) {
                    assertThat(got.error()).as("Jinja2 raised %s; we rendered %s", want.error(), got.output())
                            .isNotNull();
                } else {
                    assertThat(got.error()).as("Jinja2 rendered %s", want.output()).isNull();
                    assertThat(got.output()).isEqualTo(want.output());
                }
                passed[0]++;
            }));
        }
        tests.add(DynamicTest.dynamicTest("summary", () -> {
            // in the report: how many of the corpus render as Jinja2 renders them
            System.out.println("Jinja2 differential corpus: " + passed[0] + " of " + cases.size()
                    + " templates render as Jinja2 renders them");
            assertThat(passed[0]).isEqualTo(cases.size());
        }));
        return tests.stream();
    }

    private static String abbreviate(String template) {
        String oneLine = template.replace("\n", "\\n");
        return oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine;
    }
}
